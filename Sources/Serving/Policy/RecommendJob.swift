import Foundation
import Tracking

/// What `autoscale recommend` asks for: a prediction, a policy and the replicas running now.
public struct RecommendRequest: Sendable {
    public var predict: PredictRequest
    public var policy: ScalingPolicy
    public var currentReplicas: Int

    public init(predict: PredictRequest, policy: ScalingPolicy = ScalingPolicy(), currentReplicas: Int) {
        self.predict = predict
        self.policy = policy
        self.currentReplicas = currentReplicas
    }
}

/// The forecasts and the decision made from them.
public struct ContainerRecommendation: Sendable, Codable, Equatable {
    public var forecast: ContainerForecast
    public var recommendation: Recommendation
}

/// Predicts the container's metrics, then sizes replicas with the policy for the metrics
/// that are policy resources. One-shot: no memory of earlier decisions, so the
/// stabilisation window and cooldowns see only this decision (a loop keeps `ScalingState`).
/// The decision's time is the last history timestamp (the data's clock).
public func recommendReplicas(_ request: RecommendRequest) throws -> ContainerRecommendation {
    let forecast = try predictContainer(request.predict)
    let demands = try forecast.forecasts.filter { request.policy.resources[$0.metric] != nil }.map { metric in
        ResourceDemand(resource: metric.metric, current: try currentUsage(metric, source: request.predict.source), forecasts: metric.horizons)
    }
    guard !demands.isEmpty else {
        throw ServingError.noPolicyResource(forecast: forecast.forecasts.map(\.metric), policy: request.policy.resources.keys.sorted())
    }
    let now = forecast.forecasts.map(\.lastTimestamp).max() ?? 0
    let decision = PolicyEngine.recommend(policy: request.policy, demands: demands, state: ScalingState(replicas: request.currentReplicas), now: now)
    return ContainerRecommendation(forecast: forecast, recommendation: decision.recommendation)
}

/// The latest usage in the forecast's units: the last value of a gauge, the last rate
/// (x_n − x_{n−1}) / Δt of a counter (nil across a reset).
func currentUsage(_ forecast: MetricForecast, source: any HistorySource) throws -> Double? {
    let history = try source.history(container: forecast.container, metric: forecast.metric)
    guard let last = history.values.last else { return nil }
    guard forecast.isRate else { return last }
    guard history.count >= 2 else { return nil }
    let n = history.count
    let rate = (history.values[n - 1] - history.values[n - 2]) / (history.timestamps[n - 1] - history.timestamps[n - 2])
    return rate >= 0 && rate.isFinite ? rate : nil
}
