import Foundation
import Series

/// The outcome of a replay: both strategies on the same trace and the same capacity.
public struct BacktestReport: Sendable, Equatable, Codable {
    public var trace: String
    public var model: String
    public var points: Int
    public var intervalSeconds: Double
    public var capacityPerReplica: Double
    public var startupDelaySeconds: Double
    /// Index of the first decision (the warm-up before it).
    public var firstDecision: Int
    public var decisions: Int
    public var predictive: StrategyResult
    public var reactive: StrategyResult
    /// Times and demand of the evaluated steps, and the policy's forecast for each at the
    /// shortest horizon (nil before the model could forecast), for the plot.
    public var times: [Double]
    public var demand: [Double]
    public var forecasts: [Double?]
    /// Refits a `--model-type` model made (0 for a registered model).
    public var fits: Int

    enum CodingKeys: String, CodingKey {
        case trace, model, points, intervalSeconds = "interval_seconds", capacityPerReplica = "capacity_per_replica"
        case startupDelaySeconds = "startup_delay_seconds", firstDecision = "first_decision", decisions, predictive, reactive
        case times, demand, forecasts, fits
    }
}

/// A trace on its regular grid and where its decisions start: y_0 … y_{n−1} at times
/// t_j = start + j·Δ, decisions at i = first … n−1 (first = the warm-up, at most n − 3).
public struct BacktestTrace: Sendable {
    public let name: String
    public let values: [Double]
    public let times: [Double]
    /// Δ, seconds.
    public let interval: Double
    public let firstDecision: Int

    public init(trace: TimeSeries, name: String, warmupPoints: Int) throws {
        let grid = try RegularGrid(trace).series
        self.name = name
        values = grid.values
        interval = grid.interval
        times = grid.values.indices.map { grid.start + Double($0) * grid.interval }
        firstDecision = min(warmupPoints, max(values.count - 3, 0))
        guard values.count >= firstDecision + 3 else {
            throw ServingError.traceTooShort(path: name, points: values.count, needed: firstDecision + 3)
        }
    }

    public var decisions: Int { values.count - firstDecision }
}

/// One model's forecasts at every decision of a trace: `paths[k]` is made at decision
/// firstDecision + k from y_0 … y_i only (nil while the model could not forecast yet),
/// `steps` long, with intervals at `levels` where the model gives them.
public struct BacktestForecasts: Sendable {
    public var model: String
    public var steps: Int
    public var levels: [Double]
    public var paths: [SeriesPath?]
    /// Refits a `--model-type` model made (0 for a registered model).
    public var fits: Int
}

/// Replays a trace step by step: at each decision i (i ≥ warm-up) both strategies see the
/// demand y_0 … y_i only; the predictive policy also gets the model's forecasts at the
/// policy's horizons made from that history, with the intervals the serving predictor
/// asks for (`PredictionSpec.defaultLevels`: 80 % and 95 %, i.e. quantiles 0.9 and 0.975
/// for a quantile headroom). The replicas each asks for are scored against y_{i+1} (`StrategyResult.score`).
///
/// `run` = `forecasts` then `replay`; a caller that prices several policies on one model
/// (bench-backtest) forecasts once and replays many times.
public enum Backtest {
    public static func run(
        trace: TimeSeries, name: String, forecaster: some DemandForecaster, spec: BacktestSpec = BacktestSpec(),
        progress: (Int, Int) -> Void = { _, _ in }
    ) throws -> BacktestReport {
        let prepared = try BacktestTrace(trace: trace, name: name, warmupPoints: spec.warmupPoints)
        let steps = try horizonSteps(spec.policy.behavior.horizonsMinutes, interval: prepared.interval).max() ?? 1
        let made = try forecasts(prepared, forecaster: forecaster, steps: steps, levels: PredictionSpec.defaultLevels,
                                 conditioningPoints: spec.conditioningPoints, progress: progress)
        return try replay(prepared, forecasts: made, spec: spec)
    }

    /// The forecaster's path at each decision, from the latest ≤ `conditioningPoints` points
    /// up to and including the decision's.
    public static func forecasts(
        _ trace: BacktestTrace, forecaster: some DemandForecaster, steps: Int, levels: [Double], conditioningPoints: Int,
        progress: (Int, Int) -> Void = { _, _ in }
    ) throws -> BacktestForecasts {
        var forecaster = forecaster
        var paths: [SeriesPath?] = []
        for i in trace.firstDecision..<trace.values.count {
            progress(i - trace.firstDecision, trace.decisions)
            let lower = max(0, i + 1 - conditioningPoints)
            let history = TimeSeries(name: trace.name, timestamps: Array(trace.times[lower...i]), values: Array(trace.values[lower...i]))
            paths.append(try forecaster.forecastPath(history: history, decision: i, steps: steps, levels: levels))
        }
        let fits = (forecaster as? RefittingForecaster)?.fits ?? 0
        return BacktestForecasts(model: forecaster.name, steps: steps, levels: levels, paths: paths, fits: fits)
    }

    /// Both strategies over the trace, the predictive one reading `forecasts`.
    public static func replay(_ trace: BacktestTrace, forecasts: BacktestForecasts, spec: BacktestSpec) throws -> BacktestReport {
        let y = trace.values, times = trace.times, step = trace.interval, first = trace.firstDecision
        var rule = try spec.demandRule()
        let mean = y.reduce(0, +) / Double(y.count)
        let c = spec.capacityPerReplica ?? max(mean / spec.replicasAtMeanDemand, .leastNormalMagnitude)
        rule.capacityPerReplica = c
        let policy = ScalingPolicy(resources: ["demand": rule], behavior: spec.policy.behavior)
        let horizonSteps = try horizonSteps(policy.behavior.horizonsMinutes, interval: step)
        let maxSteps = horizonSteps.max() ?? 1
        guard forecasts.steps >= maxSteps, forecasts.paths.count == trace.decisions else {
            throw BacktestForecastsMismatch(trace: trace.name, steps: forecasts.steps, neededSteps: maxSteps,
                                            decisions: forecasts.paths.count, neededDecisions: trace.decisions)
        }
        let start = min(max(Int((y[first] / (c * rule.targetUtilization) - 1e-9).rounded(.up)), policy.replicaBounds.lowerBound),
                        policy.replicaBounds.upperBound)

        var hpa = ReactiveHPA(target: spec.hpaTargetUtilization, tolerance: spec.hpaTolerance,
                              stabilizationSeconds: spec.hpaStabilizationSeconds, bounds: policy.replicaBounds)
        var state = ScalingState(replicas: start)
        var reactiveReplicas = start
        var predictiveAsked: [Int] = []
        var reactiveAsked: [Int] = []
        var shortest: [Double?] = []
        for (k, i) in (first..<y.count).enumerated() {
            let path = forecasts.paths[k]
            var horizonForecasts: [HorizonForecast] = []
            if let path {
                for (minutes, h) in zip(policy.behavior.horizonsMinutes, horizonSteps) {
                    let intervals: [ForecastInterval] = path.intervals?[h - 1] ?? []
                    horizonForecasts.append(HorizonForecast(minutes: minutes, steps: h, timestamp: times[i] + Double(h) * step,
                                                            value: path.mean[h - 1], intervals: intervals))
                }
            }
            shortest.append(path?.mean.first)
            let demand = ResourceDemand(resource: "demand", current: y[i], forecasts: horizonForecasts)
            let decision = PolicyEngine.recommend(policy: policy, demands: [demand], state: state, now: times[i])
            state = decision.state
            predictiveAsked.append(decision.recommendation.replicas)
            reactiveReplicas = hpa.decide(current: reactiveReplicas, demand: y[i], c: c, time: times[i])
            reactiveAsked.append(reactiveReplicas)
        }
        let decisionTimes = Array(times[first...])
        let demandFrom = Array(y[first...])
        return BacktestReport(
            trace: trace.name, model: forecasts.model, points: y.count, intervalSeconds: step, capacityPerReplica: c,
            startupDelaySeconds: spec.startupDelaySeconds, firstDecision: first, decisions: trace.decisions,
            predictive: StrategyResult.score(strategy: "predictive", times: decisionTimes, demand: demandFrom, asked: predictiveAsked,
                                             initial: start, c: c, step: step, startupDelay: spec.startupDelaySeconds),
            reactive: StrategyResult.score(strategy: "reactive-hpa", times: decisionTimes, demand: demandFrom, asked: reactiveAsked,
                                           initial: start, c: c, step: step, startupDelay: spec.startupDelaySeconds),
            times: Array(times[(first + 1)...]), demand: Array(y[(first + 1)...]), forecasts: Array(shortest.dropLast()),
            fits: forecasts.fits)
    }

    /// Horizon minutes → whole grid steps (`Predictor.steps`).
    static func horizonSteps(_ minutes: [Double], interval: Double) throws -> [Int] {
        try minutes.map { try Predictor.steps(minutes: $0, interval: interval) }
    }
}
