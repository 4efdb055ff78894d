import Foundation

/// Command line of `bench-accuracy`; defaults live here, once.
///
///     bench-accuracy [--models snaive,autoarima] [--folders nab,azure_v1_vms]
///                    [--reference-models lightgbm,nhits,autoarima] [--no-reference]
///                    [--refresh-reference] [--global lstm] [--ensemble lstm+nhits+arima]…
///                    [--spec 'LABEL={"kind": "lstm", "settings": {…}}']… [--json]
struct Arguments {
    /// Our catalog models (names `ModelSpec(name:)` accepts).
    var models = ["snaive", "autoarima"]
    var folders = ["nab", "azure_v1_vms"]
    /// Reference tools run by Reference/reference_accuracy.py.
    var referenceModels = ReferenceModel.allCases
    var runReference = true
    var refreshReference = false
    /// Models also trained once across each folder's series (`ModelSpec.evaluateGlobal`),
    /// reported as "NAME (global)".
    var global: [String] = []
    /// Ensembles of these members (catalog names, default settings each), one per
    /// `--ensemble`, reported as "ensemble(lstm+nhits+arima)".
    var ensembles: [[String]] = []
    /// Our models with settings, one per `--spec LABEL=JSON` (a `ModelSpec` in JSON, keys
    /// left out of the settings take their defaults where the settings type allows),
    /// reported as LABEL.
    var specs: [(label: String, json: String)] = []
    var json = false
    /// `--help`: print the usage and do nothing else.
    var help = false

    init(_ argv: [String]) throws {
        var i = 1
        func value() throws -> String {
            i += 1
            guard i < argv.count else { throw BenchError("\(argv[i - 1]) needs a value, e.g. \(argv[i - 1]) nab") }
            return argv[i]
        }
        while i < argv.count {
            switch argv[i] {
            case "--models": models = try value().split(separator: ",").map(String.init)
            case "--folders": folders = try value().split(separator: ",").map(String.init)
            case "--reference-models":
                referenceModels = try value().split(separator: ",").map { name in
                    guard let model = ReferenceModel(rawValue: String(name)) else {
                        throw BenchError("unknown reference model \(name); use \(ReferenceModel.allCases.map(\.rawValue).joined(separator: ","))")
                    }
                    return model
                }
            case "--no-reference": runReference = false
            case "--refresh-reference": refreshReference = true
            case "--global": global = try value().split(separator: ",").map(String.init)
            case "--ensemble":
                let members = try value().split(separator: "+").map(String.init)
                guard !members.isEmpty else { throw BenchError("--ensemble needs members joined by '+', e.g. --ensemble lstm+nhits+arima") }
                ensembles.append(members)
            case "--spec":
                let text = try value()
                guard let equals = text.firstIndex(of: "="), equals != text.startIndex else {
                    throw BenchError("--spec needs LABEL=JSON, e.g. --spec 'lstm-quantile={\"kind\": \"lstm\", \"settings\": {\"intervals\": \"quantile\"}}'")
                }
                specs.append((String(text[..<equals]), String(text[text.index(after: equals)...])))
            case "--json": json = true
            case "--help", "-h": help = true
            default: throw BenchError("unknown argument \(argv[i])\n\(BenchError.usage.description)")
            }
            i += 1
        }
    }
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }

    static let usage = BenchError("""
        usage: bench-accuracy [--models snaive,autoarima] [--folders nab,azure_v1_vms]
                              [--reference-models lightgbm,nhits,autoarima] [--no-reference]
                              [--refresh-reference] [--global lstm] [--ensemble lstm+nhits+arima]…
                              [--spec 'LABEL={"kind": "lstm", "settings": {…}}']… [--json]
        """)
}
