import Forecasting
import Foundation
import Ingest
import Series

/// Forecasts a container's metrics with the registered models: one long-lived value
/// shared by every caller (Sendable; each artifact is loaded once by its `ModelStore`).
public struct Predictor: Sendable {
    public let store: ModelStore
    public let spec: PredictionSpec
    /// Interval coverages asked of the models that give intervals.
    public let levels: [Double]

    public init(store: ModelStore, spec: PredictionSpec = PredictionSpec(), levels: [Double] = PredictionSpec.defaultLevels) {
        self.store = store
        self.spec = spec
        self.levels = levels
    }

    /// The reference serving `metric` (`<prefix><metric>@<alias>` of the spec).
    public func reference(for metric: String) -> ModelReference {
        ModelReference(name: spec.modelPrefix + metric, alias: spec.alias)
    }

    /// Forecasts `metric` of `container` at each horizon (minutes) from its raw `history`
    /// (counters as cumulative values), with `model` or the metric's default reference.
    ///
    /// history x (n raw points) → grid of the model's step D → checks (step, n ≥ needed)
    /// → artifact: preprocessing, scaler, model conditioned on the history (parameters
    /// unchanged) → path ŝ_1 … ŝ_H, H = max horizon / D → series units → values at h/D.
    public func predict(
        history: TimeSeries, metric: String, container: String, horizons: [Double]? = nil, model: ModelReference? = nil
    ) throws -> MetricForecast {
        let reference = model ?? reference(for: metric)
        let loaded = try store.model(reference)
        let artifact = loaded.artifact
        let interval = try gridInterval(history: history, loaded: loaded)
        let grid = try RegularGrid(history, interval: interval).series
        guard grid.count >= loaded.minimumPoints else {
            throw ServingError.historyTooShort(model: reference.description, metric: metric, container: container,
                                               points: grid.count, needed: loaded.minimumPoints, intervalSeconds: interval)
        }
        let minutes = horizons ?? spec.horizons
        let steps = try minutes.map { try Self.steps(minutes: $0, interval: interval) }
        let path = try forecastPath(artifact: artifact, grid: grid, steps: steps.max() ?? 1, reference: reference)
        let last = grid.start + Double(grid.count - 1) * interval
        let isRate = artifact.preprocessing?.spec.input == .counter
        let forecasts = zip(minutes, steps).map { minute, step in
            HorizonForecast(minutes: minute, steps: step, timestamp: last + Double(step) * interval, value: path.mean[step - 1],
                            intervals: path.intervals.map { $0[step - 1] } ?? [])
        }
        return MetricForecast(metric: metric, container: container, model: reference, version: loaded.version,
                              kind: artifact.kind.name, unit: Self.unit(metric: metric, isRate: isRate), isRate: isRate,
                              intervalSeconds: interval, lastTimestamp: last, historyPoints: grid.count, horizons: forecasts)
    }

    /// `predict` for every metric in `metrics` whose model exists under the alias; metrics
    /// without a model (alias or model missing) are listed in `skipped`. Any other failure
    /// (short history, bad hash, wrong interval) throws. No model at all is `noModels`.
    public func predictAll(
        source: any HistorySource, container: String, metrics: [String] = ResourceMetric.allCases.map(\.rawValue),
        horizons: [Double]? = nil
    ) throws -> ContainerForecast {
        var forecasts: [MetricForecast] = []
        var skipped: [String: String] = [:]
        for metric in metrics {
            do {
                _ = try store.model(reference(for: metric))
            } catch let error as ServingError {
                guard case .aliasNotFound = error else { throw error }
                skipped[metric] = error.description
                continue
            }
            let history = try source.history(container: container, metric: metric)
            forecasts.append(try predict(history: history, metric: metric, container: container, horizons: horizons))
        }
        guard !forecasts.isEmpty else {
            throw ServingError.noModels(tried: metrics.map { reference(for: $0).description }, reasons: metrics.compactMap { skipped[$0] })
        }
        return ContainerForecast(container: container, forecasts: forecasts, skipped: skipped)
    }

    /// The model's grid step, after checking that the history's own step (median
    /// difference) is the same.
    func gridInterval(history: TimeSeries, loaded: LoadedModel) throws -> Double {
        let own = history.count >= 2 ? try RegularGrid(history).series.interval : nil
        guard let interval = loaded.intervalSeconds ?? own else {
            throw ServingError.historyTooShort(model: loaded.reference.description, metric: history.name, container: "",
                                               points: history.count, needed: max(loaded.minimumPoints, 2), intervalSeconds: 0)
        }
        if let own, abs(own - interval) > 1e-9 * interval {
            throw ServingError.intervalMismatch(model: loaded.reference.description, modelSeconds: interval, historySeconds: own)
        }
        return interval
    }

    /// Horizon in minutes → whole grid steps k = 60·h / D (k ≥ 1).
    static func steps(minutes: Double, interval: Double) throws -> Int {
        let exact = minutes * 60 / interval
        let k = exact.rounded()
        guard k >= 1, abs(exact - k) < 1e-6 else { throw ServingError.badHorizon(minutes: minutes, intervalSeconds: interval) }
        return Int(k)
    }

    /// The mean path and, where the model has them, intervals, in series units
    /// (`FittedModelArtifact.seriesPath`), with failures named after the model.
    func forecastPath(artifact: FittedModelArtifact, grid: RegularSeries, steps: Int, reference: ModelReference) throws -> SeriesPath {
        do {
            return try artifact.seriesPath(grid: grid, steps: steps, levels: levels)
        } catch let error as ServingError {
            throw error
        } catch {
            throw ServingError.forecastFailed(model: reference.description, reason: "\(error)")
        }
    }

    /// The unit forecasts of `metric` are in.
    static func unit(metric: String, isRate: Bool) -> String {
        switch ResourceMetric(rawValue: metric) {
        case .cpu: return "cores"
        case .memory: return "bytes"
        case .some: return "bytes/s"
        case nil: return isRate ? "per second" : ""
        }
    }
}
