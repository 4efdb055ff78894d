import Forecasting
import Foundation
import Ingest
import Kernels
import Series

/// bench-accuracy: every model through EVALUATION.md on the development series in
/// ../shared/data/real (NAB, column `value`; Azure V1 VMs, column `avg_cpu`), with the
/// aggregates of TARGETS.md §1 side by side with the reference tools' figures.
///
///     swift run -c release bench-accuracy [--models naive,snaive,arima] [--folders nab,azure_v1_vms] [--json]
struct Arguments {
    var models = ["snaive", "arima"]
    var folders = ["nab", "azure_v1_vms"]
    var json = false

    init(_ argv: [String]) throws {
        var i = 1
        while i < argv.count {
            switch argv[i] {
            case "--models": i += 1; models = argv[i].split(separator: ",").map(String.init)
            case "--folders": i += 1; folders = argv[i].split(separator: ",").map(String.init)
            case "--json": json = true
            default: throw BenchError("unknown argument \(argv[i]); use --models A,B --folders nab,azure_v1_vms --json")
            }
            i += 1
        }
    }
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

func column(for folder: String) -> String? {
    folder == "azure_v1_vms" ? "avg_cpu" : nil
}

func main() throws {
    BLAS.useSingleThread()
    let arguments = try Arguments(CommandLine.arguments)
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let data = root.deletingLastPathComponent().appendingPathComponent("shared/data/real")
    guard FileManager.default.fileExists(atPath: data.path) else {
        print("bench-accuracy: \(data.path) is absent; nothing to measure")
        return
    }
    let evaluator = Evaluator()
    var summaries: [AccuracySummary] = []
    for folder in arguments.folders {
        let files = try FileManager.default.contentsOfDirectory(atPath: data.appendingPathComponent(folder).path)
            .filter { $0.hasSuffix(".csv") }.sorted()
        let options = CSVReadOptions(selection: SeriesSelection(column: column(for: folder)))
        let plans = try files.map { file in
            let series = try CSVSeriesReader.read(path: data.appendingPathComponent("\(folder)/\(file)").path, options: options).series
            return try EvaluationPlan(series: series)
        }
        let naive = try plans.map { try ModelSpec.naive.evaluate(on: $0, with: evaluator) }
        for name in arguments.models {
            let spec = try ModelSpec(name: name)
            var reports: [EvaluationReport] = []
            for (index, plan) in plans.enumerated() {
                FileHandle.standardError.write(Data("\r\(folder) \(name) \(index + 1)/\(plans.count)   ".utf8))
                reports.append(try spec.evaluate(on: plan, with: evaluator))
            }
            summaries.append(AccuracySummary(folder: folder, model: name, reports: reports, naive: naive))
        }
        FileHandle.standardError.write(Data("\r".utf8))
    }
    if arguments.json {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        print(String(decoding: try encoder.encode(summaries), as: UTF8.self))
        return
    }
    for s in summaries {
        let h = ["5", "15", "30"]
        let f = { (d: [String: Double]) in h.map { String(format: "%.3f", d[$0] ?? .nan) }.joined(separator: " / ") }
        let targets = s.folder == "nab" ? TargetFigures.nab : TargetFigures.azure
        let reference = targets.first { $0.model == s.model }
        print("\(s.folder) · \(s.model) · \(s.series) series · fit \(String(format: "%.2f", s.fitSeconds)) s · forecast \(String(format: "%.2f", s.forecastSeconds)) s")
        print("  relMAE 5/15/30      \(f(s.relMAE))")
        if let reference {
            let ratio = zip(h, reference.relMAE).map { String(format: "%.3f", (s.relMAE[$0] ?? .nan) / $1) }.joined(separator: " / ")
            print("  \(reference.tool): \(reference.relMAE.map { String(format: "%.3f", $0) }.joined(separator: " / ")) → ours ÷ theirs \(ratio)")
        }
        print("  mean MASE 5/15/30   \(f(s.meanMASE))")
        print("  median MASE 5/15/30 \(f(s.medianMASE))")
    }
}

do {
    try main()
} catch {
    FileHandle.standardError.write(Data("bench-accuracy: \(error)\n".utf8))
    exit(1)
}
