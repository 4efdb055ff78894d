/// How a `PrometheusClient` talks to its server: the per-request timeout, the retry
/// schedule and the most points Prometheus returns per series in one `query_range`.
public struct PrometheusClientSettings: Sendable, Equatable {
    /// Seconds one HTTP request may take before it counts as a failed attempt.
    public var timeout: Double
    public var retry: PrometheusRetry
    /// Prometheus refuses a `query_range` whose series would have more than 11,000 points
    /// ("exceeded maximum resolution"); longer ranges are fetched in chunks of this many.
    public var maxPointsPerRequest: Int

    public static let prometheusPointLimit = 11_000

    public init(timeout: Double = 10, retry: PrometheusRetry = PrometheusRetry(),
                maxPointsPerRequest: Int = PrometheusClientSettings.prometheusPointLimit) {
        self.timeout = timeout
        self.retry = retry
        self.maxPointsPerRequest = maxPointsPerRequest
    }

    /// Throws `invalidSetting` for a non-positive timeout, fewer than one attempt, a negative
    /// backoff or a chunk size outside 1 … 11,000.
    public func validated() throws(IngestError) -> PrometheusClientSettings {
        guard timeout.isFinite, timeout > 0 else {
            throw .invalidSetting(name: "timeout", value: String(timeout), expected: "a positive number of seconds")
        }
        guard retry.attempts >= 1 else {
            throw .invalidSetting(name: "attempts", value: String(retry.attempts), expected: "at least 1")
        }
        guard retry.initialBackoff.isFinite, retry.initialBackoff >= 0, retry.multiplier.isFinite, retry.multiplier >= 1 else {
            throw .invalidSetting(name: "backoff", value: "\(retry.initialBackoff)×\(retry.multiplier)",
                                  expected: "an initial backoff ≥ 0 s and a multiplier ≥ 1")
        }
        guard (1...PrometheusClientSettings.prometheusPointLimit).contains(maxPointsPerRequest) else {
            throw .invalidSetting(name: "max points per request", value: String(maxPointsPerRequest),
                                  expected: "1 to \(PrometheusClientSettings.prometheusPointLimit)")
        }
        return self
    }
}

/// Exponential backoff: attempt k (k = 1 … attempts) that fails with a connection error, a
/// timeout or an HTTP 5xx is followed, unless it was the last, by a pause of
///
///     backoff_k = min(initialBackoff · multiplier^(k−1), maxBackoff)  seconds.
///
/// A query Prometheus rejects (HTTP 4xx) is never retried: it would fail the same way.
public struct PrometheusRetry: Sendable, Equatable {
    public var attempts: Int
    public var initialBackoff: Double
    public var multiplier: Double
    public var maxBackoff: Double

    public init(attempts: Int = 3, initialBackoff: Double = 0.5, multiplier: Double = 2, maxBackoff: Double = 30) {
        self.attempts = attempts
        self.initialBackoff = initialBackoff
        self.multiplier = multiplier
        self.maxBackoff = maxBackoff
    }

    /// Seconds to wait after failed attempt `attempt` (1-based).
    public func backoff(afterAttempt attempt: Int) -> Double {
        var pause = initialBackoff
        for _ in 1..<max(1, attempt) { pause *= multiplier }
        return min(pause, maxBackoff)
    }
}
