import Forecasting
import Foundation
import Ingest
import Series
import Serving

/// bench-backtest: the predictive policy with each model vs reactive HPA on the real traces
/// in ../shared/data/real (demand = the series), one table per trace and a summary.
/// Usage: bench-backtest [--models naive,arima,autoarima] [--folders nab,azure_v2_agg,…]
///        [--files-per-folder N] [--policy FILE]   (Benchmarks/README.md)

struct Trace {
    let path: String
    let column: String?
    let interval: Double?
}

/// The value column and implicit interval of each real-data folder (shared/data/real/README.md).
func traces(root: URL, folders: [String], perFolder: Int) throws -> [Trace] {
    let layout: [String: (column: String?, interval: Double?)] = [
        "nab": (nil, nil), "azure_v2_agg": ("cpu_usage", nil), "google2019_agg": ("avg_cpu", 300), "azure_v1_vms": ("avg_cpu", nil),
    ]
    return try folders.flatMap { folder -> [Trace] in
        guard let (column, interval) = layout[folder] else { throw BenchError("unknown folder \(folder); known: \(layout.keys.sorted())") }
        let files = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(folder).path)
            .filter { $0.hasSuffix(".csv") }.sorted().prefix(perFolder)
        return files.map { Trace(path: root.appendingPathComponent(folder).appendingPathComponent($0).path, column: column, interval: interval) }
    }
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ text: String) { description = text }
}

func option(_ name: String, _ arguments: [String]) -> String? {
    arguments.firstIndex(of: name).flatMap { $0 + 1 < arguments.count ? arguments[$0 + 1] : nil }
}

let arguments = CommandLine.arguments
let models = (option("--models", arguments) ?? "naive,arima,autoarima").split(separator: ",").map(String.init)
let folders = (option("--folders", arguments) ?? "nab,azure_v2_agg,google2019_agg,azure_v1_vms").split(separator: ",").map(String.init)
let perFolder = Int(option("--files-per-folder", arguments) ?? "") ?? 6
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
let root = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/data/real")
var spec = BacktestSpec()
if let policy = option("--policy", arguments) { spec.policy = try PolicyLoader.load(path: policy) }

print("bench-backtest: models \(models.joined(separator: ", ")); refit every \(spec.refitEvery) decisions; warm-up \(spec.warmupPoints) points; start-up \(Int(spec.startupDelaySeconds)) s; capacity per replica = mean demand / \(Int(spec.replicasAtMeanDemand))")
print("columns: under = under-provisioned minutes, slack = replica-hours provisioned but unused, act = scaling actions; Δunder = predictive vs HPA\n")
var met: [String: Int] = [:]
var totals: [String: (under: Double, slack: Double, hpaUnder: Double, hpaSlack: Double)] = [:]
var count = 0
for trace in try traces(root: root, folders: folders, perFolder: perFolder) {
    let series = try CSVSeriesReader.read(path: trace.path, options: CSVReadOptions(selection: SeriesSelection(column: trace.column), interval: trace.interval)).series
    let name = URL(fileURLWithPath: trace.path).deletingPathExtension().lastPathComponent
    print("\(URL(fileURLWithPath: trace.path).deletingLastPathComponent().lastPathComponent)/\(name) (\(series.count) points)")
    print("  model       under   slack    act | HPA under  slack    act | Δunder   target")
    count += 1
    for model in models {
        let started = Date()
        let report = try Backtest.run(trace: series, name: name, forecaster: RefittingForecaster(spec: try ModelSpec(name: model), refitEvery: spec.refitEvery), spec: spec)
        let p = report.predictive, r = report.reactive
        let reduction = r.underProvisionedMinutes > 0 ? 1 - p.underProvisionedMinutes / r.underProvisionedMinutes : (p.underProvisionedMinutes == 0 ? 1 : -1)
        let ok = reduction >= 0.5 && p.slackReplicaHours <= r.slackReplicaHours
        if ok { met[model, default: 0] += 1 }
        var t = totals[model] ?? (0, 0, 0, 0)
        t.under += p.underProvisionedMinutes; t.slack += p.slackReplicaHours; t.hpaUnder += r.underProvisionedMinutes; t.hpaSlack += r.slackReplicaHours
        totals[model] = t
        print(String(format: "  %-10@ %6.0f %7.1f %6d | %9.0f %6.1f %6d | %+6.0f %%  %@  (%.1f s, %d fits)",
                     model as NSString, p.underProvisionedMinutes, p.slackReplicaHours, p.scalingActions,
                     r.underProvisionedMinutes, r.slackReplicaHours, r.scalingActions, -reduction * 100,
                     (ok ? "met" : "missed") as NSString, Date().timeIntervalSince(started), report.fits))
    }
    print("")
}
print("summary over \(count) traces (target: ≥ 50 % fewer under-provisioned minutes than HPA at no more slack)")
for model in models {
    let t = totals[model] ?? (0, 0, 0, 0)
    print(String(format: "  %-10@ met on %d/%d · under %.0f min vs HPA %.0f · slack %.1f vs HPA %.1f replica-h",
                 model as NSString, met[model] ?? 0, count, t.under, t.hpaUnder, t.slack, t.hpaSlack))
}
