import Foundation
import Prometheus
import Serving

/// What `/metrics` exposes, in Prometheus text format through swift-prometheus
/// (docs/formats/serving-http.md#get-metrics):
///
/// - `autoscale_forecast{container, metric, horizon_minutes, unit}` latest forecast value;
/// - `autoscale_recommended_replicas{container}`, `autoscale_forecast_stale{container}` (0/1),
///   `autoscale_forecast_age_seconds{container}`;
/// - `autoscale_model_version{metric, model, alias}` the version serving,
///   `autoscale_model_reload_failed{metric, model, alias}` 1 while a newer version fails to
///   load and the previous one keeps serving, `autoscale_models_ready` 0/1;
/// - `autoscale_http_requests_total{route, status}` and
///   `autoscale_http_request_duration_seconds{route}` (histogram);
/// - `autoscale_predictions_rejected_total` requests refused with 503 when saturated.
final class ServingMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()

    static func name(_ metric: String, unit: String = "", _ help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(namespace: "autoscale", metricName: metric, unitName: unit, helpText: help)
    }

    static var requests: MetricNameDescriptor { name("http_requests", unit: "total", "HTTP requests answered, by route and status") }
    static var duration: MetricNameDescriptor { name("http_request_duration", unit: "seconds", "Time from request to response, by route") }
    static var rejections: MetricNameDescriptor { name("predictions_rejected", unit: "total", "Predict requests refused with 503 because the work queue was full") }
    static var forecast: MetricNameDescriptor { name("forecast", "Latest forecast of a container's metric at a horizon, in the metric's units") }
    static var replicas: MetricNameDescriptor { name("recommended_replicas", "Replicas the scaling policy recommends for the container") }
    static var stale: MetricNameDescriptor { name("forecast_stale", "1 when the last refresh failed and the forecasts shown are older") }
    static var age: MetricNameDescriptor { name("forecast_age", unit: "seconds", "Seconds since the container's forecasts were last refreshed") }
    static var version: MetricNameDescriptor { name("model_version", "Registry version of the model serving the metric") }
    static var reloadFailed: MetricNameDescriptor { name("model_reload_failed", "1 when the alias's newest version failed to load (the previous one serves), or nothing loaded") }
    static var ready: MetricNameDescriptor { name("models_ready", "1 once at least one model is loaded") }
    /// The gauge an HPA on an external metric reads (deploy/hpa-external.yaml).
    static var recommendedReplicas: String { replicas.name }

    static let durationBuckets: [Duration] = [
        .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(20),
        .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2.5), .seconds(5),
    ]

    /// Counts one answered request and its duration.
    func observe(route: String, status: Int, duration: Duration) {
        registry.makeCounter(descriptor: Self.requests, labels: [("route", route), ("status", String(status))]).increment()
        registry.makeDurationHistogram(descriptor: Self.duration, labels: [("route", route)], buckets: Self.durationBuckets).record(duration)
    }

    func rejected() {
        registry.makeCounter(descriptor: Self.rejections).increment()
    }

    /// The exposition text after setting the gauges from the board and the model table at `now`.
    func render(board: ForecastBoard, models: ModelStatusTable, now: Double) -> [UInt8] {
        for entry in board.all {
            let container = ("container", entry.container)
            for forecast in entry.forecast?.forecasts ?? [] {
                for horizon in forecast.horizons {
                    registry.makeGauge(descriptor: Self.forecast,
                                       labels: [container, ("metric", forecast.metric), ("horizon_minutes", Self.number(horizon.minutes)),
                                                ("unit", forecast.unit)])
                        .set(to: horizon.value)
                }
            }
            if let replicas = entry.recommendation?.replicas {
                registry.makeGauge(descriptor: Self.replicas, labels: [container]).set(to: Double(replicas))
            }
            registry.makeGauge(descriptor: Self.stale, labels: [container]).set(to: entry.isStale ? 1.0 : 0.0)
            if let age = entry.age(now: now) {
                registry.makeGauge(descriptor: Self.age, labels: [container]).set(to: age)
            }
        }
        for model in models.all {
            let labels = [("metric", model.metric), ("model", model.reference.name), ("alias", model.reference.alias)]
            if let version = model.servingVersion {
                registry.makeGauge(descriptor: Self.version, labels: labels).set(to: Double(version))
            }
            registry.makeGauge(descriptor: Self.reloadFailed, labels: labels).set(to: model.problem == nil ? 0.0 : 1.0)
        }
        registry.makeGauge(descriptor: Self.ready).set(to: models.isReady ? 1.0 : 0.0)
        var buffer: [UInt8] = []
        buffer.reserveCapacity(16_384)
        registry.emit(into: &buffer)
        return buffer
    }

    static func number(_ x: Double) -> String { x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(x) }
}
