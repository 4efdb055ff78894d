import Foundation
import Ingest
import Series

/// One refresh of one container, the step `autoscale watch` repeats every interval:
///
///     history (source) → Predictor.predictAll → demands (forecast + current usage per
///     metric the policy names) → PolicyEngine.recommend (with the container's state)
///     → ForecastBoard
///
/// A failure anywhere (Prometheus unreachable, too short a history, …) leaves the board's
/// previous forecasts in place, marked stale with the error.
public struct ContainerRefresher: Sendable {
    public let predictor: Predictor
    public let policy: ScalingPolicy
    public let source: any HistorySource
    public let board: ForecastBoard

    public init(predictor: Predictor, policy: ScalingPolicy, source: any HistorySource, board: ForecastBoard) {
        self.predictor = predictor
        self.policy = policy
        self.source = source
        self.board = board
    }

    /// Refreshes `container` at `now`; returns the board's entry afterwards.
    @discardableResult
    public func refresh(container: String, now: Double) -> BoardEntry {
        let recording = RecordingHistorySource(source)
        do {
            let forecast = try predictor.predictAll(source: recording, container: container)
            let previous = board.entry(container)?.scalingState ?? ScalingState(replicas: policy.replicaBounds.lowerBound)
            let demands = Self.demands(forecast: forecast, histories: recording.histories, policy: policy)
            var notes: [String] = []
            if demands.isEmpty {
                let named = policy.resources.keys.sorted().joined(separator: ", ")
                notes.append("no recommendation: the policy sizes \(named) but no forecast of those metrics was made")
                board.succeeded(container: container, forecast: forecast, recommendation: nil, state: nil, notes: notes, now: now)
            } else {
                let decision = PolicyEngine.recommend(policy: policy, demands: demands, state: previous, now: now)
                board.succeeded(container: container, forecast: forecast, recommendation: decision.recommendation,
                                state: decision.state, notes: notes, now: now)
            }
        } catch {
            board.failed(container: container, error: "\(error)", now: now)
        }
        return board.entry(container) ?? BoardEntry(container: container)
    }

    /// One demand per forecast metric the policy has a resource for, in forecast order.
    static func demands(forecast: ContainerForecast, histories: [String: TimeSeries], policy: ScalingPolicy) -> [ResourceDemand] {
        forecast.forecasts.compactMap { metric in
            guard policy.resources[metric.metric] != nil else { return nil }
            let current = histories[metric.metric].flatMap { CurrentUsage.of($0, isRate: metric.isRate) }
            return ResourceDemand(resource: metric.metric, current: current, forecasts: metric.horizons)
        }
    }
}

extension CSVHistorySource {
    /// The containers the file holds, sorted.
    public var containers: [String] { Array(Set(series.series.keys.map(\.container))).sorted() }
}
