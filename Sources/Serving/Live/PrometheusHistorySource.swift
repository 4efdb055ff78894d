import Ingest
import Series
import Tracking

/// A container's recent raw history read from Prometheus (`Ingest.PrometheusFetch`): the
/// same cAdvisor queries as `autoscale data fetch`, in the same units (cpu as cores,
/// memory as bytes, disk and network as cumulative byte counters), so a predictor reads it
/// exactly as it reads a long CSV (docs/formats/prometheus.md).
///
/// Each call runs one metric's query over the fetch's window ending at `now()`. The grid
/// step of the query is `step(metric)` when given (the step the metric's model was trained
/// on, see `modelSteps`), else the fetch's own step, so the history arrives on the model's
/// grid and `Predictor` does not refuse it for a different interval.
public struct PrometheusHistorySource: HistorySource {
    /// URL, window, default step, query overrides and client settings; its `container` and
    /// `metrics` are replaced per call.
    public let fetch: PrometheusFetch
    public let step: @Sendable (String) -> Double?
    public let now: @Sendable () -> Double

    public init(fetch: PrometheusFetch, step: @escaping @Sendable (String) -> Double? = { _ in nil },
                now: @escaping @Sendable () -> Double) {
        self.fetch = fetch
        self.step = step
        self.now = now
    }

    public func history(container: String, metric: String) throws -> TimeSeries {
        guard let resource = ResourceMetric(rawValue: metric) else {
            throw ServingError.noHistory(container: container, metric: metric,
                                         available: ResourceMetric.allCases.map { "\(container)/\($0.rawValue) (Prometheus)" })
        }
        var one = fetch
        one.container = container
        one.metrics = [resource]
        if let step = step(metric) { one.step = step }
        let history = try one.history(now: now())
        guard let series = history.series[resource] else {
            throw ServingError.noHistory(container: container, metric: metric, available: history.series.keys.map(\.rawValue).sorted())
        }
        return series
    }

    /// metric → the grid step of the model that serves it (`predictor.reference(for:)`),
    /// or nil when no model loads (the predictor then reports why).
    public static func modelSteps(_ predictor: Predictor) -> @Sendable (String) -> Double? {
        { metric in
            do {
                return try predictor.store.model(predictor.reference(for: metric)).intervalSeconds
            } catch {
                return nil  // the predictor raises the same failure with its reason when it predicts
            }
        }
    }
}

extension PrometheusHistorySource {
    /// A source whose step per metric is the grid step of the model registered for it in
    /// `registry` (opened read-only) under `spec`'s prefix and alias: `autoscale predict --prometheus`.
    public static func forModels(fetch: PrometheusFetch, registry: RegistryLocation, spec: PredictionSpec,
                                 now: @escaping @Sendable () -> Double) throws -> PrometheusHistorySource {
        let predictor = Predictor(store: ModelStore(tracker: try Registry.openForReading(registry)), spec: spec)
        return PrometheusHistorySource(fetch: fetch, step: modelSteps(predictor), now: now)
    }
}
