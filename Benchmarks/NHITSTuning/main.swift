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
/// series of MAE / naive MAE) at 5 / 15 / 30 minutes and the median fit CPU seconds.
///
///     bench-nhits-tuning [--folders nab,azure_v1_vms] [--limit 6] [--variant hidden=512,batch=1024]…
func main() throws {
    BLAS.useSingleThread()
    var folders = ["nab", "azure_v1_vms"], limit = 6, variants: [Variant] = []
    var argv = CommandLine.arguments.dropFirst().makeIterator()
    while let flag = argv.next() {
        guard let value = argv.next() else { throw TuningError("\(flag) needs a value") }
        switch flag {
        case "--folders": folders = value.split(separator: ",").map(String.init)
        case "--limit":
            guard let v = Int(value), v >= 1 else { throw TuningError("--limit \(value): give a whole number ≥ 1") }
            limit = v
        case "--variant": variants.append(try Variant(value == "defaults" ? "" : value))
        default: throw TuningError("unknown flag \(flag); use --folders, --limit, --variant")
        }
    }
    if variants.isEmpty { variants = [try Variant("")] }
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let data = root.deletingLastPathComponent().appendingPathComponent("shared/data/real")
    for folder in folders {
        let plans = try innerPlans(folder: data.appendingPathComponent(folder), limit: limit)
        let naive = try plans.map { try ModelSpec.naive.evaluate(on: $0, with: Evaluator()) }
        for variant in variants {
            var ratios: [[Double]] = [], cpu: [Double] = []
            for (plan, naiveReport) in zip(plans, naive) {
                let started = processCPUSeconds()
                let scores = try score(variant, plan: plan)
                cpu.append(processCPUSeconds() - started)
                ratios.append(plan.horizons.map { scores[$0.minutes]! / naiveReport.horizons[String($0.minutes)]!.mae })
            }
            let relMAE = (0..<3).map { k in exp(ratios.map { log($0[k]) }.reduce(0, +) / Double(ratios.count)) }
            let median = cpu.sorted()[cpu.count / 2]
            FileHandle.standardOutput.write(Data((String(format: "%@  %-40@  val relMAE %.3f / %.3f / %.3f  median fit CPU %.1f s  per series 5m: %@", folder, variant.label,
                         relMAE[0], relMAE[1], relMAE[2], median,
                         ratios.map { String(format: "%.3f", $0[0]) }.joined(separator: " ")) + "\n").utf8))
        }
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

/// CPU seconds (user + system) of this process so far.
func processCPUSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
        + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
}

do {
    try main()
} catch {
    FileHandle.standardError.write(Data("bench-nhits-tuning: \(error)\n".utf8))
    exit(1)
}
