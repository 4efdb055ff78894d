import Foundation
import Ingest
import Serving
import Tracking

/// What a running `autoscale serve` / `watch` holds and does, HTTP aside: the predictor
/// over the registry, the board of latest forecasts, the model table, the limiter of
/// concurrent predictions and the metrics. `ServingServer` runs it; `ServingResponder`
/// answers requests from it.
public final class ServingService: Sendable {
    public let settings: ServeSettings
    public let predictor: Predictor
    public let board = ForecastBoard()
    public let models = ModelStatusTable()
    /// The containers refreshed by `refreshAll` (empty without a history source).
    public let containers: [String]
    let refresher: ContainerRefresher?
    let metrics = ServingMetrics()
    let limiter: WorkLimiter
    let clock: @Sendable () -> Double
    let events: ServeEvents

    /// Opens the registry read-only and the history source (a CSV is read here, once).
    public init(settings: ServeSettings, clock: @escaping @Sendable () -> Double, events: ServeEvents) throws {
        let settings = try settings.validated()
        self.settings = settings
        self.clock = clock
        self.events = events
        let registry = try Registry.openForReading(settings.registry)
        let predictor = Predictor(store: ModelStore(tracker: registry), spec: settings.prediction)
        self.predictor = predictor
        limiter = WorkLimiter(limit: settings.limits.maxConcurrent, maxQueued: settings.limits.maxQueued)
        let source: (any HistorySource)?
        switch settings.source {
        case .none:
            source = nil
            containers = []
        case .csv(let path):
            let csv = try CSVHistorySource(path: path)
            source = csv
            containers = settings.containers.isEmpty ? csv.containers : settings.containers
        case .prometheus(let fetch):
            source = PrometheusHistorySource(fetch: fetch, step: PrometheusHistorySource.modelSteps(predictor), now: clock)
            containers = settings.containers
        }
        let board = self.board
        refresher = source.map { ContainerRefresher(predictor: predictor, policy: settings.policy, source: $0, board: board) }
    }

    /// Whether the source changes over time, so `refreshAll` runs every `watchSeconds`
    /// (Prometheus) rather than only at start and after a model change (a CSV file).
    public var refreshesPeriodically: Bool {
        if case .prometheus = settings.source { return true }
        return false
    }

    /// Loads the six metrics' models and logs what serves.
    public func preloadModels() {
        models.preload(predictor, now: clock())
        for model in models.all {
            switch model.state {
            case "serving": events.log("model \(model.reference) version \(model.servingVersion ?? 0) (\(model.kind ?? "?")) serves \(model.metric)")
            case "failed": events.log("model \(model.reference) failed to load: \(model.problem ?? "")")
            default: break
            }
        }
        if !models.isReady { events.log("not ready: no model loaded; register one (e.g. Pipelines/quickstart.yaml) — /readyz answers 503") }
    }

    /// Polls the registry for moved aliases; a model that changed triggers a refresh of a CSV source.
    public func reloadModels() {
        let (changed, lines) = models.reload(predictor, now: clock())
        for line in lines { events.log("reload: \(line)") }
        if changed && !refreshesPeriodically { refreshAll() }
    }

    /// Refreshes every container once (blocking: reads the source and predicts).
    public func refreshAll() {
        guard let refresher else { return }
        for container in containers {
            let now = clock()
            let entry = refresher.refresh(container: container, now: now)
            events.log(ServeEvents.summary(entry, now: now))
            events.refreshed(entry)
        }
    }

    /// Forecasts a validated `POST /v1/predict` body; a metric without a model is skipped
    /// when several were sent, and a 404 when it was the only one.
    func predict(_ job: PredictJob) throws(HTTPProblem) -> PredictResponse {
        var forecasts: [MetricForecast] = []
        var skipped: [String: String] = [:]
        for item in job.items {
            do {
                forecasts.append(try predictor.predict(history: item.series, metric: item.metric, container: job.container,
                                                       horizons: job.horizons))
            } catch let error as ServingError {
                if case .aliasNotFound = error, job.items.count > 1 {
                    skipped[item.metric] = error.description
                    continue
                }
                throw HTTPProblem.from(error, metricField: item.metricField, historyField: item.historyField)
            } catch {
                throw HTTPProblem(.unprocessableContent, field: item.historyField, "\(error)")
            }
        }
        guard !forecasts.isEmpty else {
            throw HTTPProblem(.notFound, field: "metrics", "no metric sent has a model: \(skipped.sorted { $0.key < $1.key }.map(\.value).joined(separator: "; "))")
        }
        return PredictResponse(container: job.container, forecasts: forecasts, skipped: skipped)
    }
}

/// Where a running server reports: `log` one line per event (stderr in the executables),
/// `refreshed` each container's entry after a refresh (`watch --json` prints it).
public struct ServeEvents: Sendable {
    public var log: @Sendable (String) -> Void
    public var refreshed: @Sendable (BoardEntry) -> Void

    public init(log: @escaping @Sendable (String) -> Void, refreshed: @escaping @Sendable (BoardEntry) -> Void = { _ in }) {
        self.log = log
        self.refreshed = refreshed
    }

    /// One line per refresh, e.g. `web: cpu 0.52 0.55 0.57 cores at 5/15/30 min · 2 replicas (hold)`,
    /// or `web: stale (age 63 s): <error>`.
    public static func summary(_ entry: BoardEntry, now: Double) -> String {
        if let error = entry.lastError {
            let age = entry.age(now: now).map { "age \(Int($0.rounded())) s" } ?? "no forecast yet"
            return "\(entry.container): stale (\(age)): \(error)"
        }
        var parts: [String] = []
        for forecast in entry.forecast?.forecasts ?? [] {
            let values = forecast.horizons.map { String(format: "%.4g", $0.value) }.joined(separator: " ")
            let minutes = forecast.horizons.map { ServingMetrics.number($0.minutes) }.joined(separator: "/")
            parts.append("\(forecast.metric) \(values) \(forecast.unit) at \(minutes) min (v\(forecast.version))")
        }
        if let r = entry.recommendation { parts.append("\(r.replicas) replicas (\(r.action.rawValue))") }
        parts.append(contentsOf: entry.notes)
        return "\(entry.container): " + parts.joined(separator: " · ")
    }
}
