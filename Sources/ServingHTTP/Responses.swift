import Serving

/// `GET /v1/forecast?container=C`: the container's latest forecasts and how fresh they are.
struct ForecastResponse: Encodable {
    var container: String
    var stale: Bool
    var ageSeconds: Double?
    var updatedAt: Double?
    var lastError: String?
    var forecasts: [MetricForecast]
    var skipped: [String: String]

    init(_ entry: BoardEntry, forecast: ContainerForecast, now: Double) {
        container = entry.container
        stale = entry.isStale
        ageSeconds = entry.age(now: now)
        updatedAt = entry.updatedAt
        lastError = entry.lastError
        forecasts = forecast.forecasts
        skipped = forecast.skipped
    }

    enum CodingKeys: String, CodingKey {
        case container, stale, ageSeconds = "age_seconds", updatedAt = "updated_at", lastError = "last_error", forecasts, skipped
    }
}

/// `GET /v1/recommendation?container=C`: what KEDA's metrics-api scaler reads, with
/// `valueLocation: replicas` (docs/formats/serving-http.md#keda).
struct RecommendationResponse: Encodable {
    /// The JSON key KEDA's `valueLocation` names.
    static let valueLocation = "replicas"

    var container: String
    var replicas: Int
    var current: Int
    var action: Recommendation.Action
    var stale: Bool
    var ageSeconds: Double?
    var updatedAt: Double?
    var lastError: String?
    var reasons: [ScalingReason]
    var adjustments: [String]

    init(_ entry: BoardEntry, recommendation: Recommendation, now: Double) {
        container = entry.container
        replicas = recommendation.replicas
        current = recommendation.current
        action = recommendation.action
        stale = entry.isStale
        ageSeconds = entry.age(now: now)
        updatedAt = entry.updatedAt
        lastError = entry.lastError
        reasons = recommendation.reasons
        adjustments = recommendation.adjustments
    }

    enum CodingKeys: String, CodingKey {
        case container, replicas, current, action, stale, ageSeconds = "age_seconds", updatedAt = "updated_at", lastError = "last_error"
        case reasons, adjustments
    }
}

/// `GET /readyz`: ready once a model is loaded; every model's state.
struct ReadyResponse: Encodable {
    var ready: Bool
    var models: [ModelStatusView]
}

/// One model in `/readyz`.
struct ModelStatusView: Encodable {
    var metric: String
    var model: String
    var state: String
    var version: Int64?
    var kind: String?
    var sha256: String?
    var problem: String?

    init(_ status: ModelStatus) {
        metric = status.metric
        model = status.reference.description
        state = status.state
        version = status.servingVersion
        kind = status.kind
        sha256 = status.sha256
        problem = status.problem ?? status.absent
    }
}

/// `POST /v1/predict`: the forecasts, and the metrics without a model.
struct PredictResponse: Encodable {
    var container: String
    var forecasts: [MetricForecast]
    var skipped: [String: String]
}

/// One refresh of one container as `watch --json` prints it (a JSON line per container and cycle).
public struct RefreshReport: Encodable {
    public var container: String
    public var time: Double
    public var stale: Bool
    public var ageSeconds: Double?
    public var lastError: String?
    public var forecasts: [MetricForecast]
    public var recommendation: Recommendation?

    public init(_ entry: BoardEntry, now: Double) {
        container = entry.container
        time = now
        stale = entry.isStale
        ageSeconds = entry.age(now: now)
        lastError = entry.lastError
        forecasts = entry.forecast?.forecasts ?? []
        recommendation = entry.recommendation
    }

    enum CodingKeys: String, CodingKey {
        case container, time, stale, ageSeconds = "age_seconds", lastError = "last_error", forecasts, recommendation
    }
}
