import Foundation
import Forecasting
import Series

// bench-stats: fit time, forecast time and per-horizon MAE of the statistical models on
// ../shared/data/real through EVALUATION.md's protocol. Run from the package root:
//   swift run -c release bench-stats [nab|azure] [model …]
// models: naive arima autoarima prophet prophet-ar (default: naive arima)

let arguments = Array(CommandLine.arguments.dropFirst())
let set = arguments.first(where: { $0 == "nab" || $0 == "azure" }) ?? "nab"
var models = arguments.filter { $0 != "nab" && $0 != "azure" }
if models.isEmpty { models = ["naive", "arima"] }

let root = "../shared/data/real"
let folder = set == "nab" ? "\(root)/nab" : "\(root)/azure_v1_vms"
let column = set == "nab" ? "value" : "avg_cpu"
// BENCH_SERIES=<substring> restricts the run to matching file names.
let only = ProcessInfo.processInfo.environment["BENCH_SERIES"]
guard let files = try? FileManager.default.contentsOfDirectory(atPath: folder)
    .filter({ $0.hasSuffix(".csv") && (only == nil || $0.contains(only!)) }).sorted() else {
    print("bench-stats: \(folder) not found (run from the package root next to ../shared); skipping")
    exit(0)
}
let horizons = [5, 15, 30]
var relative: [String: [[Double]]] = [:]
var coverages: [String: [[Double]]] = [:]

print("series\tmodel\tMAE5\tMAE15\tMAE30\tcov80_5\tcov80_15\tcov80_30\tfit_s\tforecast_s\tfit_cpu_s\tparameters")
for file in files {
    let data = try ProtocolSeries.load(path: "\(folder)/\(file)", column: column)
    let steps = horizons.map { Int((Double($0) * 60 / data.scaled.interval).rounded()) }
    let fitData = FitData(series: data.scaled.prefix(data.testStart), trainCount: data.trainCount)
    var naiveMAE: [Double] = []
    for model in models {
        let row = try BenchmarkRun.run(model: model, data: data, fitData: fitData, steps: steps)
        if model == "naive" { naiveMAE = row.mae }
        if row.coverage80.allSatisfy({ $0.isFinite }) { coverages[model, default: []].append(row.coverage80) }
        if !naiveMAE.isEmpty { relative[model, default: []].append(zip(row.mae, naiveMAE).map { $0 / $1 }) }
        var fields: [String] = [data.name, model]
        fields += row.mae.map { String(format: "%.6f", $0) }
        fields += row.coverage80.map { String(format: "%.3f", $0) }
        fields += [String(format: "%.4f", row.fitSeconds), String(format: "%.4f", row.forecastSeconds), String(format: "%.4f", row.fitCPUSeconds), row.parameters]
        print(fields.joined(separator: "\t"))
    }
}
print("\nrelMAE (geometric mean of MAE / naive MAE) 5 / 15 / 30")
for model in models {
    guard let rows = relative[model], !rows.isEmpty else { continue }
    let g = (0..<3).map { h in exp(rows.map { log($0[h]) }.reduce(0, +) / Double(rows.count)) }
    print("\(model)\t" + g.map { String(format: "%.3f", $0) }.joined(separator: " / "))
}
print("\n80 % interval coverage 5 / 15 / 30: mean [min, max] over series")
for model in models {
    guard let rows = coverages[model], !rows.isEmpty else { continue }
    let text = (0..<3).map { h -> String in
        let v = rows.map { $0[h] }
        return String(format: "%.3f [%.3f, %.3f]", v.reduce(0, +) / Double(v.count), v.min() ?? .nan, v.max() ?? .nan)
    }
    print("\(model)\t" + text.joined(separator: " / "))
}
