import BenchSupport
import Forecasting
import Foundation
import Ingest
import Kernels
import Series

/// bench-ensemble-study: writes, per development series, everything needed to study how an
/// ensemble's members should be combined without fitting them again: the scaled series,
/// the protocol's split and horizons, and for every member its validation paths (from its
/// train-only fit, the forecasts `ensemble` fits its weights on) and its test paths (from
/// its protocol fit). `combine.py` beside this file scores combination rules on them.
///
///     bench-ensemble-study --out DIR [--folders nab,azure_v1_vms] [--members lstm+nhits+gbt+arima] [--limit N] [--inner]
///
/// One file per series, DIR/<folder>/<series>.json; a series whose file exists is skipped,
/// so an interrupted run continues where it stopped. With `--inner` every series is cut
/// at its protocol test start and planned again (70 / 15 / 15), so its "test" part lies
/// inside the outer train + validation (choosing rules there never looks at a test part).
func main() throws {
    BLAS.useSingleThread()
    var folders = ["nab", "azure_v1_vms"], members = ["lstm", "nhits", "gbt", "arima"], limit = Int.max
    var out: URL? = nil, inner = false
    var argv = CommandLine.arguments.dropFirst().makeIterator()
    while let flag = argv.next() {
        if flag == "--inner" { inner = true; continue }
        if flag == "--help" || flag == "-h" { print(usage); return }
        guard let value = argv.next() else { throw StudyError("\(flag) needs a value\n\(usage)") }
        switch flag {
        case "--folders": folders = value.split(separator: ",").map(String.init)
        case "--members": members = value.split(separator: "+").map(String.init)
        case "--limit":
            guard let v = Int(value), v >= 1 else { throw StudyError("--limit \(value): give a whole number ≥ 1") }
            limit = v
        case "--out": out = URL(fileURLWithPath: value)
        default: throw StudyError("unknown flag \(flag)\n\(usage)")
        }
    }
    guard let out else { throw StudyError("--out DIR is needed\n\(usage)") }
    let parsed = try members.map(parseMember)
    members = parsed.map(\.label)
    let specs = parsed.map(\.spec)
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let data = root.deletingLastPathComponent().appendingPathComponent("shared/data/real")
    for folder in folders {
        let directory = data.appendingPathComponent(folder)
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".csv") }.sorted().prefix(limit)
        let target = out.appendingPathComponent(folder)
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
        for (index, file) in files.enumerated() {
            let stem = String(file.dropLast(4))
            let path = target.appendingPathComponent(stem + ".json")
            if FileManager.default.fileExists(atPath: path.path) { continue }
            FileHandle.standardError.write(Data("\(folder) \(stem) \(index + 1)/\(files.count)\n".utf8))
            let plan = try studyPlan(directory.appendingPathComponent(file), folder: folder, inner: inner)
            let started = processCPUSeconds()
            let record = try study(plan, series: stem, folder: folder, members: members, specs: specs)
            var written = record
            written.cpuSeconds = processCPUSeconds() - started
            let encoder = JSONEncoder()
            encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
            // Written whole, then renamed: an interrupted run never leaves half a file.
            let partial = path.appendingPathExtension("partial")
            try encoder.encode(written).write(to: partial)
            try FileManager.default.moveItem(at: partial, to: path)
        }
    }
}

/// A member on the command line: a catalog name (`gbt`, default settings), or
/// `LABEL=KIND{JSON}`: KIND's default settings with the top-level keys of JSON replaced
/// (keys as the settings encode them; an unknown key is an error).
func parseMember(_ text: String) throws -> (label: String, spec: ModelSpec) {
    guard let equals = text.firstIndex(of: "="), let brace = text.firstIndex(of: "{") else {
        return (text, try ModelSpec(name: text))
    }
    let label = String(text[..<equals]), kind = String(text[text.index(after: equals)..<brace])
    let defaults = try JSONSerialization.jsonObject(with: JSONEncoder().encode(ModelSpec(name: kind))) as! [String: Any]
    var settings = defaults["settings"] as! [String: Any]
    guard let overrides = try JSONSerialization.jsonObject(with: Data(text[brace...].utf8)) as? [String: Any] else {
        throw StudyError("member \(label): \(text[brace...]) is not a JSON object")
    }
    for (key, value) in overrides {
        guard settings[key] != nil else {
            throw StudyError("member \(label): \(kind) has no setting \(key); it has \(settings.keys.sorted().joined(separator: ", "))")
        }
        settings[key] = value
    }
    let json = try JSONSerialization.data(withJSONObject: ["kind": kind, "settings": settings])
    return (label, try JSONDecoder().decode(ModelSpec.self, from: json))
}

let usage = """
    usage: bench-ensemble-study --out DIR [--folders nab,azure_v1_vms] [--members lstm+nhits+gbt+arima] [--limit N] [--inner]
    a member is a catalog name or LABEL=KIND{JSON}, e.g. gbtdiff=gbt{"target":"difference"}
    """

/// What one series contributes to the study (scaled units throughout).
struct StudyRecord: Encodable {
    let folder: String
    let series: String
    /// The scaled series s_0 … s_{N_all−1}.
    let values: [Double]
    /// n_train and n_train + n_val (the test start).
    let trainCount: Int
    let testStart: Int
    let horizonMinutes: [Int]
    let horizonSteps: [Int]
    let members: [String]
    /// [m][i][k−1]: member m's forecast of s_{n−1+i+k} from its train-only fit.
    let validation: [[[Double]]]
    /// [m][i][k−1]: member m's forecast of s_{testStart+i+k} from its protocol fit.
    let test: [[[Double]]]
    /// The ensemble's own per-step weights (for checking the study reproduces it).
    let weights: [[Double]]
    var cpuSeconds: Double
}

func study(_ plan: EvaluationPlan, series: String, folder: String, members: [String], specs: [ModelSpec]) throws -> StudyRecord {
    let context = ModelSpec.protocolContext(plan)
    let ensemble = try Ensemble(settings: EnsembleSettings(members: specs), context: context)
    let data = Evaluator<ContinuousClock>.fitData(plan)
    let (fitted, validation) = try ensemble.fitDetailed(data)
    let test = try fitted.memberRollingForecasts(over: plan.scaled, origins: plan.allOrigins, steps: ensemble.steps)
    return StudyRecord(
        folder: folder, series: series, values: plan.scaled.values, trainCount: plan.split.trainCount,
        testStart: plan.split.testStart, horizonMinutes: plan.horizons.map(\.minutes), horizonSteps: plan.horizons.map(\.steps),
        members: members, validation: validation, test: test,
        weights: fitted.state.weights, cpuSeconds: 0)
}

/// The protocol's plan of one file (azure: the avg_cpu column), or with `inner` the plan of
/// its train + validation prefix.
func studyPlan(_ file: URL, folder: String, inner: Bool) throws -> EvaluationPlan {
    let options = CSVReadOptions(selection: SeriesSelection(column: folder == "azure_v1_vms" ? "avg_cpu" : nil))
    let outer = try EvaluationPlan(series: CSVSeriesReader.read(path: file.path, options: options).series)
    guard inner else { return outer }
    let prefix = outer.grid.series.prefix(outer.split.testStart)
    return try EvaluationPlan(grid: RegularGrid(series: prefix, collapsed: 0, filled: 0))
}

struct StudyError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

do {
    try main()
} catch {
    FileHandle.standardError.write(Data("bench-ensemble-study: \(error)\n".utf8))
    exit(1)
}
