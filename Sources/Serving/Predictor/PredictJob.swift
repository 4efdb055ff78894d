import Foundation
import Ingest
import Tracking

/// What `autoscale predict` asks for.
public struct PredictRequest: Sendable {
    public var container: String
    /// Where the history comes from (a long CSV today; Prometheus later).
    public var source: any HistorySource
    /// Metric names; nil: the six `ResourceMetric`s, skipping those without a model.
    public var metrics: [String]?
    public var spec: PredictionSpec
    public var registry: RegistryLocation

    public init(container: String, source: any HistorySource, metrics: [String]? = nil, spec: PredictionSpec = PredictionSpec(),
                registry: RegistryLocation) {
        self.container = container
        self.source = source
        self.metrics = metrics
        self.spec = spec
        self.registry = registry
    }
}

/// Opens the registry read-only, predicts, and returns every forecast. Metrics named
/// explicitly must all have a model; with none named, the six metrics are tried.
public func predictContainer(_ request: PredictRequest) throws -> ContainerForecast {
    let registry = try Registry.openForReading(request.registry)
    let predictor = Predictor(store: ModelStore(tracker: registry), spec: request.spec)
    guard let metrics = request.metrics else {
        return try predictor.predictAll(source: request.source, container: request.container)
    }
    let forecasts = try metrics.map { metric in
        try predictor.predict(history: try request.source.history(container: request.container, metric: metric), metric: metric,
                              container: request.container)
    }
    return ContainerForecast(container: request.container, forecasts: forecasts, skipped: [:])
}
