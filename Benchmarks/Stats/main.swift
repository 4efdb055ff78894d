import Foundation
import Forecasting
import Ingest
import Kernels
import Series

// bench-stats: the statistical models on ../shared/data/real through EVALUATION.md's
// protocol — the shared `EvaluationPlan` and `Forecasting.Evaluator`, so every MAE is the
// one `autoscale evaluate` prints — plus 80 % interval coverage and fit CPU seconds.
// Run from the package root:
//   swift run -c release bench-stats [nab|azure] [model …]
// models: any ModelSpec name but lstm (naive snaive arima autoarima autoarima-daily prophet
// prophet-ar), prophet:map / prophet-ar:map (the exact-MAP fit) or arima:p,d,q (default:
// naive arima). BENCH_SERIES=<substring> restricts the run to matching file names;
// BENCH_GAUSSIAN=1 uses Gaussian ARIMA intervals; BENCH_PRECISE=1 prints MAE to 12
// significant digits (to compare runs before/after a change).

func main() throws {
    BLAS.useSingleThread()
    let arguments = Array(CommandLine.arguments.dropFirst())
    let set = arguments.first(where: { $0 == "nab" || $0 == "azure" }) ?? "nab"
    var models = arguments.filter { $0 != "nab" && $0 != "azure" }
    if models.isEmpty { models = ["naive", "arima"] }
    if models.first != "naive" { models.removeAll { $0 == "naive" }; models.insert("naive", at: 0) }

    let folder = "../shared/data/real/" + (set == "nab" ? "nab" : "azure_v1_vms")
    guard FileManager.default.fileExists(atPath: folder) else {
        print("bench-stats: \(folder) not found (run from the package root next to ../shared); skipping")
        return
    }
    let only = ProcessInfo.processInfo.environment["BENCH_SERIES"]
    let precise = ProcessInfo.processInfo.environment["BENCH_PRECISE"] != nil
    let files = try FileManager.default.contentsOfDirectory(atPath: folder)
        .filter { $0.hasSuffix(".csv") && (only.map($0.contains) ?? true) }.sorted()
    let options = CSVReadOptions(selection: SeriesSelection(column: set == "nab" ? nil : "avg_cpu"))
    let evaluator = Evaluator()
    var relative: [String: [[Double]]] = [:]
    var coverages: [String: [[Double]]] = [:]

    print("series\tmodel\tMAE5\tMAE15\tMAE30\tcov80_5\tcov80_15\tcov80_30\tfit_s\tforecast_s\tfit_cpu_s\tparameters")
    for file in files {
        let series = try CSVSeriesReader.read(path: "\(folder)/\(file)", options: options).series
        let plan = try EvaluationPlan(series: series)
        var naiveMAE: [Double] = []
        for model in models {
            let row = try BenchmarkRun.run(model: model, plan: plan, evaluator: evaluator)
            if model == "naive" { naiveMAE = row.mae }
            if row.coverage80.allSatisfy(\.isFinite) { coverages[model, default: []].append(row.coverage80) }
            relative[model, default: []].append(zip(row.mae, naiveMAE).map { $0 / $1 })
            var fields = [file.replacingOccurrences(of: ".csv", with: ""), model]
            fields += row.mae.map { String(format: precise ? "%.12g" : "%.6f", $0) }
            fields += row.coverage80.map { String(format: "%.3f", $0) }
            fields += [row.report.fitSeconds, row.report.forecastSeconds, row.fitCPUSeconds].map { String(format: "%.4f", $0) }
            fields.append(describe(row.report.parameters))
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
}

/// The fitted parameters as `key=value` pairs in key order, numbers to 4 significant digits.
func describe(_ parameters: [String: ParameterValue]) -> String {
    func number(_ v: Double) -> String { String(format: "%.4g", v) }
    return parameters.sorted { $0.key < $1.key }.map { key, value in
        switch value {
        case .integer(let v): "\(key)=\(v)"
        case .number(let v): "\(key)=\(number(v))"
        case .text(let v): "\(key)=\(v)"
        case .numbers(let v): "\(key)=[\(v.map(number).joined(separator: ","))]"
        case .integers(let v): "\(key)=[\(v.map(String.init).joined(separator: ","))]"
        }
    }.joined(separator: " ")
}

do {
    try main()
} catch {
    FileHandle.standardError.write(Data("bench-stats: \(error)\n".utf8))
    exit(1)
}
