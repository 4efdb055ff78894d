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

/// Replays a trace step by step: at each decision i (i ≥ warm-up) both strategies see the
/// demand y_0 … y_i only; the predictive policy also gets the model's forecasts at the
/// policy's horizons made from that history. The replicas each asks for are scored
/// against y_{i+1} (`StrategyResult.score`).
public enum Backtest {
    public static func run(
        trace: TimeSeries, name: String, forecaster: some DemandForecaster, spec: BacktestSpec = BacktestSpec(),
        progress: (Int, Int) -> Void = { _, _ in }
    ) throws -> BacktestReport {
        var forecaster = forecaster
        let grid = try RegularGrid(trace).series
        let step = grid.interval
        let y = grid.values
        let times = y.indices.map { grid.start + Double($0) * step }
        let first = min(spec.warmupPoints, max(y.count - 3, 0))
        guard y.count >= first + 3, y.count >= 3 else {
            throw ServingError.traceTooShort(path: name, points: y.count, needed: first + 3)
        }
        var rule = try spec.demandRule()
        let mean = y.reduce(0, +) / Double(y.count)
        let c = spec.capacityPerReplica ?? max(mean / spec.replicasAtMeanDemand, .leastNormalMagnitude)
        rule.capacityPerReplica = c
        let policy = ScalingPolicy(resources: ["demand": rule], behavior: spec.policy.behavior)
        let horizonSteps = try policy.behavior.horizonsMinutes.map { try Predictor.steps(minutes: $0, interval: step) }
        let maxSteps = horizonSteps.max() ?? 1
        let start = min(max(Int((y[first] / (c * rule.targetUtilization) - 1e-9).rounded(.up)), policy.replicaBounds.lowerBound),
                        policy.replicaBounds.upperBound)

        var hpa = ReactiveHPA(target: rule.targetUtilization, tolerance: spec.hpaTolerance,
                              stabilizationSeconds: spec.hpaStabilizationSeconds, bounds: policy.replicaBounds)
        var state = ScalingState(replicas: start)
        var reactiveReplicas = start
        var predictiveAsked: [Int] = []
        var reactiveAsked: [Int] = []
        var forecasts: [Double?] = []
        let decisions = y.count - first
        for i in first..<y.count {
            progress(i - first, decisions)
            let lower = max(0, i + 1 - spec.conditioningPoints)
            let history = TimeSeries(name: name, timestamps: Array(times[lower...i]), values: Array(y[lower...i]))
            let path = try forecaster.forecast(history: history, decision: i, steps: maxSteps)
            let horizonForecasts = path.map { path in
                zip(policy.behavior.horizonsMinutes, horizonSteps).map { minutes, k in
                    HorizonForecast(minutes: minutes, steps: k, timestamp: times[i] + Double(k) * step, value: path[k - 1], intervals: [])
                }
            } ?? []
            forecasts.append(path?.first)
            let demand = ResourceDemand(resource: "demand", current: y[i], forecasts: horizonForecasts)
            let decision = PolicyEngine.recommend(policy: policy, demands: [demand], state: state, now: times[i])
            state = decision.state
            predictiveAsked.append(decision.recommendation.replicas)
            reactiveReplicas = hpa.decide(current: reactiveReplicas, demand: y[i], c: c, time: times[i])
            reactiveAsked.append(reactiveReplicas)
        }
        let evaluatedTimes = Array(times[(first + 1)...])
        let evaluatedDemand = Array(y[(first + 1)...])
        let decisionTimes = Array(times[first...])
        let demandFrom = Array(y[first...])
        let fits = (forecaster as? RefittingForecaster)?.fits ?? 0
        return BacktestReport(
            trace: name, model: forecaster.name, points: y.count, intervalSeconds: step, capacityPerReplica: c,
            startupDelaySeconds: spec.startupDelaySeconds, firstDecision: first, decisions: decisions,
            predictive: StrategyResult.score(strategy: "predictive", times: decisionTimes, demand: demandFrom, asked: predictiveAsked,
                                             initial: start, c: c, step: step, startupDelay: spec.startupDelaySeconds),
            reactive: StrategyResult.score(strategy: "reactive-hpa", times: decisionTimes, demand: demandFrom, asked: reactiveAsked,
                                           initial: start, c: c, step: step, startupDelay: spec.startupDelaySeconds),
            times: evaluatedTimes, demand: evaluatedDemand, forecasts: Array(forecasts.dropLast()), fits: fits)
    }
}
