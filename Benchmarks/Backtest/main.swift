import Forecasting
import Foundation
import Ingest
import Series
import Serving

/// bench-backtest: the predictive policy with each model vs reactive HPA on the real traces
/// in ../shared/data/real (demand = the series), one table per trace and a summary.
/// Usage: bench-backtest [--models naive,arima,autoarima] [--folders nab,azure_v2_agg,…]
///        [--files-per-folder N] [--skip-per-folder K] [--policy FILE] [--startup-delay SECONDS] [--hpa-target U]
///        [--sweep [--startup-delays S1,S2] [--tune-fraction F] [--show LABEL]…]   (Benchmarks/README.md)
///
/// --sweep prices every `PolicyVariant.grid` policy from one forecast per trace and model,
/// picks one on the first part of every trace and reports it on the rest (`Sweep.swift`).

let arguments = CommandLine.arguments
let models = (option("--models", arguments) ?? "naive,arima,autoarima").split(separator: ",").map(String.init)
let folders = (option("--folders", arguments) ?? "nab,azure_v2_agg,google2019_agg,azure_v1_vms").split(separator: ",").map(String.init)
let perFolder = Int(option("--files-per-folder", arguments) ?? "") ?? 6
let skipPerFolder = Int(option("--skip-per-folder", arguments) ?? "") ?? 0
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
let root = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/data/real")
var spec = BacktestSpec()
if let policy = option("--policy", arguments) { spec.policy = try PolicyLoader.load(path: policy) }
if let delay = option("--startup-delay", arguments) {
    guard let seconds = Double(delay), seconds >= 0 else { throw BenchError("--startup-delay \(delay): write seconds ≥ 0, e.g. 600") }
    spec.startupDelaySeconds = seconds
}
if let target = option("--hpa-target", arguments) {
    guard let u = Double(target), u > 0, u <= 1 else { throw BenchError("--hpa-target \(target): write a fraction in (0, 1], e.g. 0.8") }
    spec.hpaTargetUtilization = u
}
let fraction = Double(option("--tune-fraction", arguments) ?? "") ?? 0.5
let progress = isatty(STDOUT_FILENO) == 1
let all = try traces(root: root, folders: folders, perFolder: perFolder, skip: skipPerFolder)

say("bench-backtest: models \(models.joined(separator: ", ")); refit every \(spec.refitEvery) decisions; warm-up \(spec.warmupPoints) points; start-up \(Int(spec.startupDelaySeconds)) s (both); HPA target \(format(spec.hpaTargetUtilization)); capacity per replica = mean demand / \(Int(spec.replicasAtMeanDemand))")
if arguments.contains("--sweep") {
    let delays = try (option("--startup-delays", arguments)?.split(separator: ",").map { text -> Double in
        guard let seconds = Double(text), seconds >= 0 else { throw BenchError("--startup-delays \(text): write seconds ≥ 0, e.g. 60,600") }
        return seconds
    }) ?? [spec.startupDelaySeconds]
    let shown = arguments.indices.filter { arguments[$0] == "--show" && $0 + 1 < arguments.count }.map { arguments[$0 + 1] }
    try sweep(models: models, traces: all, spec: spec, delays: delays, fraction: fraction, shown: shown, progress: progress)
} else {
    try compare(models: models, traces: all, spec: spec)
}
