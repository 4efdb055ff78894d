import BenchSupport
import Forecasting
import Foundation
import Ingest
import Kernels
import Series

/// bench-nhits-tuning: chooses `nhits` defaults on validation, never on the test part.
/// Each development series is cut at the protocol's test start (s_0 … s_{n_train+n_val−1})
/// and that prefix is split again by the protocol (70 / 15 / 15): the variant is fitted on
/// the inner train and validation parts and scored on the inner "test" part, which lies
/// inside the outer train + validation. Printed per variant: relMAE (geometric mean over
/// series of MAE / naive MAE) at 5 / 15 / 30 minutes and the median fit CPU seconds (`--json`:
/// the same as JSON, `TuningRow`).
///
///     bench-nhits-tuning [--folders nab,azure_v1_vms] [--limit 6] [--variant hidden=512,batch=1024]… [--json]
func main() throws {
    BLAS.useSingleThread()
    var folders = ["nab", "azure_v1_vms"], limit = 6, variants: [Variant] = [], json = false
    var argv = CommandLine.arguments.dropFirst().makeIterator()
    while let flag = argv.next() {
        if flag == "--json" { json = true; continue }
        if flag == "--help" || flag == "-h" { print(usage); return }
        guard let value = argv.next() else { throw TuningError("\(flag) needs a value\n\(usage)") }
        switch flag {
        case "--folders": folders = value.split(separator: ",").map(String.init)
        case "--limit":
            guard let v = Int(value), v >= 1 else { throw TuningError("--limit \(value): give a whole number ≥ 1") }
            limit = v
        case "--variant": variants.append(try Variant(value == "defaults" ? "" : value))
        default: throw TuningError("unknown flag \(flag)\n\(usage)")
        }
    }
    if variants.isEmpty { variants = [try Variant("")] }
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let data = root.deletingLastPathComponent().appendingPathComponent("shared/data/real")
    let progress = isatty(STDOUT_FILENO) == 1
    var rows: [TuningRow] = []
    for folder in folders {
        let plans = try innerPlans(folder: data.appendingPathComponent(folder), limit: limit)
        let naive = try plans.map { try ModelSpec.naive.evaluate(on: $0, with: Evaluator()) }
        for variant in variants {
            var ratios: [[Double]] = [], cpu: [Double] = []
            for (index, (plan, naiveReport)) in zip(plans, naive).enumerated() {
                if progress { FileHandle.standardError.write(Data("\r\(folder) \(variant.label) \(index + 1)/\(plans.count)   ".utf8)) }
                let started = processCPUSeconds()
                let scores = try score(variant, plan: plan)
                cpu.append(processCPUSeconds() - started)
                ratios.append(plan.horizons.map { scores[$0.minutes]! / naiveReport.horizons[String($0.minutes)]!.mae })
            }
            if progress { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
            let row = TuningRow(folder: folder, variant: variant.label, ratios: ratios, cpuSeconds: cpu)
            rows.append(row)
            if !json { FileHandle.standardOutput.write(Data((row.line + "\n").utf8)) }
        }
    }
    if json {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        print(String(decoding: try encoder.encode(rows), as: UTF8.self))
    }
}

let usage = """
    usage: bench-nhits-tuning [--folders nab,azure_v1_vms] [--limit 6] [--variant KEY=VALUE,…]… [--json]
    variant keys: \(Variant.keys.joined(separator: ", ")); --variant defaults is the catalog's settings
    """

/// One variant on one folder: relMAE = exp(mean_series log(MAE / naive MAE)) per horizon
/// (5, 15, 30 minutes), the median fit CPU seconds and each series' 5-minute ratio.
struct TuningRow: Encodable {
    let folder: String
    let variant: String
    let relMAE: [Double]
    let medianFitCPUSeconds: Double
    let perSeries5Minutes: [Double]

    init(folder: String, variant: String, ratios: [[Double]], cpuSeconds: [Double]) {
        self.folder = folder
        self.variant = variant
        let horizons = ratios.first?.count ?? 0
        relMAE = (0..<horizons).map { k -> Double in
            let logs: [Double] = ratios.map { log($0[k]) }
            return exp(logs.reduce(0, +) / Double(ratios.count))
        }
        medianFitCPUSeconds = cpuSeconds.sorted()[cpuSeconds.count / 2]
        perSeries5Minutes = ratios.map { $0[0] }
    }

    var line: String {
        let label = variant.padding(toLength: 40, withPad: " ", startingAt: 0)
        let rel: String = relMAE.map { String(format: "%.3f", $0) }.joined(separator: " / ")
        let perSeries: String = perSeries5Minutes.map { String(format: "%.3f", $0) }.joined(separator: " ")
        let cpu = String(format: "%.1f", medianFitCPUSeconds)
        return "\(folder)  \(label)  val relMAE \(rel)  median fit CPU \(cpu) s  per series 5m: \(perSeries)"
    }
}

/// The first `limit` series of `folder` (sorted by file name), each cut at its test start
/// and planned again by the protocol.
func innerPlans(folder: URL, limit: Int) throws -> [EvaluationPlan] {
    let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".csv") }.sorted().prefix(limit)
    let column = folder.lastPathComponent == "azure_v1_vms" ? "avg_cpu" : nil
    return try files.map { file in
        let options = CSVReadOptions(selection: SeriesSelection(column: column))
        let series = try CSVSeriesReader.read(path: folder.appendingPathComponent(file).path, options: options).series
        let outer = try EvaluationPlan(series: series)
        let prefix = outer.grid.series.prefix(outer.split.testStart)
        return try EvaluationPlan(grid: RegularGrid(series: prefix, collapsed: 0, filled: 0))
    }
}

/// MAE per horizon (minutes → MAE) of the variant's point paths on the plan's test part.
func score(_ variant: Variant, plan: EvaluationPlan) throws -> [Int: Double] {
    let steps = plan.horizons.map(\.steps).max() ?? 1
    var settings = variant.settings
    settings.horizonMinutes = plan.horizons.map { Double($0.minutes) }
    let fitted = try NHITSForecaster(settings: settings).fit(Evaluator<ContinuousClock>.fitData(plan))
    let paths = try fitted.rollingForecasts(over: plan.scaled, origins: plan.allOrigins, steps: steps)
    var result: [Int: Double] = [:]
    for horizon in plan.horizons {
        let count = plan.origins(steps: horizon.steps).count
        result[horizon.minutes] = plan.score(horizon, forecasts: paths.prefix(count).map { $0[horizon.steps - 1] }).mae
    }
    return result
}

do {
    try main()
} catch {
    FileHandle.standardError.write(Data("bench-nhits-tuning: \(error)\n".utf8))
    exit(1)
}
