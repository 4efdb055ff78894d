import Foundation
import Forecasting
import Series

/// One model on one series, scored by `Forecasting.Evaluator` on the shared
/// `EvaluationPlan` (what `autoscale evaluate` prints), plus what the protocol does not
/// report: 80 % interval coverage per horizon and the fit's CPU seconds.
struct BenchmarkRun {
    var report: EvaluationReport
    var coverage80: [Double]
    var fitCPUSeconds: Double

    var mae: [Double] { report.horizons.sorted { Int($0.key)! < Int($1.key)! }.map(\.value.mae) }

    /// `name` is a `ModelSpec` name, "arima:p,d,q" for a fixed order without constant, or
    /// "prophet:map" / "prophet-ar:map" for the Prophet-style model fitted by
    /// `ProphetFitProcedure.exactMAP` instead of the default.
    static func run(model name: String, plan: EvaluationPlan, evaluator: Evaluator<ContinuousClock>) throws -> BenchmarkRun {
        let gaussian = ProcessInfo.processInfo.environment["BENCH_GAUSSIAN"] != nil
        if name.hasSuffix(":map"), var settings = try ModelSpec(name: String(name.dropLast(4))).settings as? ProphetSettings {
            settings.fitProcedure = .exactMAP
            return try run(settings.model, plan: plan, evaluator: evaluator) { fitted, steps in
                fitted.residualModel == nil ? nil : try fitted.predictIntervals(steps: steps, levels: [0.8])
            }
        }
        if name.hasPrefix("arima:") {
            let o = name.dropFirst(6).split(separator: ",").compactMap { Int($0) }
            guard o.count == 3 else { throw BenchError("arima:p,d,q needs three integers, got \(name)") }
            return try run(ARIMA(order: ARIMAOrder(p: o[0], d: o[1], q: o[2])), plan: plan, evaluator: evaluator) {
                try $0.predictIntervals(steps: $1, levels: [0.8], method: gaussian ? .gaussian : .empirical)
            }
        }
        let settings = try ModelSpec(name: name).settings
        switch settings {
        case is NaiveSettings:
            return try run(Naive(), plan: plan, evaluator: evaluator) { _, _ in nil }
        case let settings as SeasonalNaiveSettings:
            return try run(settings.model, plan: plan, evaluator: evaluator) { _, _ in nil }
        case let settings as ARIMASettings:
            return try run(settings.model, plan: plan, evaluator: evaluator) {
                try $0.predictIntervals(steps: $1, levels: [0.8], method: gaussian ? .gaussian : .empirical)
            }
        case let settings as AutoARIMASettings:
            // ModelSpec.evaluate's conversion of the season to grid steps (it checks the
            // multiple; the dev series' 5-minute and 15-second grids divide a day).
            return try run(try settings.model(interval: plan.scaled.interval, name: name), plan: plan, evaluator: evaluator) {
                try $0.predictIntervals(steps: $1, levels: [0.8], method: gaussian ? .gaussian : .empirical)
            }
        case let settings as ProphetSettings:
            return try run(settings.model, plan: plan, evaluator: evaluator) { fitted, steps in
                fitted.residualModel == nil ? nil : try fitted.predictIntervals(steps: steps, levels: [0.8])
            }
        default:
            throw BenchError("bench-stats measures the statistical models; run the LSTM with bench-lstm or bench-accuracy")
        }
    }

    /// Evaluates `forecaster` through the protocol; `intervals` gives the fitted model's
    /// 80 % bounds (nil when it has none), whose half-widths (origin-independent for fixed
    /// parameters) are laid around each scored path.
    static func run<F: Forecaster>(_ forecaster: F, plan: EvaluationPlan, evaluator: Evaluator<ContinuousClock>,
                                   intervals: (F.Fitted, Int) throws -> ForecastIntervals?) throws -> BenchmarkRun {
        let record = FitRecord<F.Fitted>()
        let report = try evaluator.evaluate(RecordedForecaster(inner: forecaster, record: record), plan: plan)
        let maxSteps = plan.horizons.map(\.steps).max() ?? 1
        var coverage = plan.horizons.map { _ in Double.nan }
        if let fitted = record.fitted, let iv = try intervals(fitted, maxSteps) {
            let halfWidth = zip(iv.upper[0], iv.mean).map { $0 - $1 }
            coverage = Self.coverage(paths: record.paths, halfWidth: halfWidth, plan: plan)
        }
        return BenchmarkRun(report: report, coverage80: coverage, fitCPUSeconds: record.fitCPUSeconds)
    }

    /// Fraction of targets s_{t+h} within path ± half-width at step h, per horizon, over
    /// that horizon's origins (the first ones of `plan.allOrigins`).
    static func coverage(paths: [[Double]], halfWidth: [Double], plan: EvaluationPlan) -> [Double] {
        plan.horizons.map { horizon in
            let h = horizon.steps
            let origins = plan.origins(steps: h)
            var inside = 0
            for (i, t) in origins.enumerated() where abs(plan.scaled.values[t + h] - paths[i][h - 1]) <= halfWidth[h - 1] {
                inside += 1
            }
            return Double(inside) / Double(origins.count)
        }
    }
}

/// CPU seconds of the calling thread (stable on a shared, oversubscribed machine,
/// unlike wall time).
func threadCPUSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
