import Series

/// Runs a forecaster through the evaluation protocol (EVALUATION.md §5): fit once on
/// s_0 … s_{n_train+n_val−1}, then forecast every test origin with fixed parameters; for a
/// fitted model that gives intervals (`IntervalForecaster`), also the coverage of its
/// intervals at `coverageLevels` on the same origins (`IntervalCoverage`), outside the
/// timed forecasts.
public struct Evaluator<Clock: _Concurrency.Clock> where Clock.Duration == Duration {
    public let clock: Clock
    /// Interval coverages reported in `EvaluationReport.coverage`; empty: none.
    public var coverageLevels: [Double]

    public init(clock: Clock, coverageLevels: [Double] = IntervalCoverage.defaultLevels) {
        self.clock = clock
        self.coverageLevels = coverageLevels
    }

    public func evaluate<F: Forecaster>(_ forecaster: F, plan: EvaluationPlan) throws -> EvaluationReport {
        try evaluateWithForecasts(forecaster, plan: plan).report
    }

    /// `evaluate`, and the forecast paths it scored: `paths[i]` is the path of ŝ_{t+1} …
    /// ŝ_{t+maxSteps} from origin t = `plan.allOrigins.lowerBound + i`, in the plan's scaled
    /// units (for plots of forecast against actual).
    public func evaluateWithForecasts<F: Forecaster>(
        _ forecaster: F, plan: EvaluationPlan
    ) throws -> (report: EvaluationReport, paths: [[Double]]) {
        let (model, fitSeconds) = try timed { try forecaster.fit(Self.fitData(plan)) }
        return try score(model, name: forecaster.name, plan: plan, fitSeconds: fitSeconds)
    }

    /// One model trained across all `plans` (global training), scored on each plan exactly
    /// as `evaluateWithForecasts` scores a per-series model. Each report's fit seconds are
    /// the global fit's share, its total divided by the number of series.
    public func evaluateGlobal<F: GlobalForecaster>(
        _ forecaster: F, plans: [EvaluationPlan]
    ) throws -> [(report: EvaluationReport, paths: [[Double]])] {
        let (models, fitSeconds) = try timed { try forecaster.fitGlobal(plans.map(Self.fitData)) }
        return try zip(models, plans).map { model, plan in
            try score(model, name: forecaster.name, plan: plan, fitSeconds: fitSeconds / Double(max(plans.count, 1)))
        }
    }

    /// What the protocol's fit sees of `plan`: s_0 … s_{n_train+n_val−1}, validation from n_train.
    public static func fitData(_ plan: EvaluationPlan) -> FitData {
        FitData(series: plan.scaled.prefix(plan.split.testStart), trainCount: plan.split.trainCount)
    }

    /// Forecasts every test origin of `plan` with the fitted `model` (fixed parameters) and
    /// scores each horizon; `paths` as in `evaluateWithForecasts`.
    public func score<M: FittedForecaster>(
        _ model: M, name: String, plan: EvaluationPlan, fitSeconds: Double
    ) throws -> (report: EvaluationReport, paths: [[Double]]) {
        let maxSteps = plan.horizons.map(\.steps).max() ?? 1
        let origins = plan.allOrigins
        let (paths, forecastSeconds) = try timed {
            try model.rollingForecasts(over: plan.scaled, origins: origins, steps: maxSteps)
        }
        guard paths.count == origins.count, paths.allSatisfy({ $0.count == maxSteps }) else {
            throw EvaluatorError.malformedForecasts(model: name, expectedOrigins: origins.count, expectedSteps: maxSteps)
        }

        var scores: [String: HorizonScore] = [:]
        for horizon in plan.horizons {
            let count = plan.origins(steps: horizon.steps).count
            let forecasts = paths.prefix(count).map { $0[horizon.steps - 1] }
            if let bad = forecasts.firstIndex(where: { !$0.isFinite }) {
                throw EvaluatorError.nonFiniteForecast(model: name, origin: origins.lowerBound + bad, steps: horizon.steps)
            }
            scores[String(horizon.minutes)] = plan.score(horizon, forecasts: forecasts)
        }
        var report = EvaluationReport(
            plan: plan, model: name, fitSeconds: fitSeconds, forecastSeconds: forecastSeconds,
            horizons: scores, parameters: model.parameters
        )
        report.coverage = try IntervalCoverage.coverage(of: model, on: plan, part: .test, levels: coverageLevels)
        return (report, paths)
    }
}

extension Evaluator {
    /// The body's value and the seconds it took on `clock`.
    func timed<T>(_ body: () throws -> T) rethrows -> (T, Double) {
        try Forecasting.timed(on: clock, body)
    }
}

extension Evaluator where Clock == ContinuousClock {
    public init() { self.init(clock: ContinuousClock()) }
}

extension Duration {
    var seconds: Double {
        let (s, attoseconds) = components
        return Double(s) + Double(attoseconds) * 1e-18
    }
}

public enum EvaluatorError: Error, Equatable, CustomStringConvertible {
    case malformedForecasts(model: String, expectedOrigins: Int, expectedSteps: Int)
    case nonFiniteForecast(model: String, origin: Int, steps: Int)

    public var description: String {
        switch self {
        case .malformedForecasts(let model, let origins, let steps):
            return "\(model) returned forecasts of the wrong shape; expected \(origins) origins × \(steps) steps (a bug in the model: please report it)"
        case .nonFiniteForecast(let model, let origin, let steps):
            return "\(model) forecast a non-finite value at origin \(origin), \(steps) steps ahead; the model diverged on this series"
        }
    }
}
