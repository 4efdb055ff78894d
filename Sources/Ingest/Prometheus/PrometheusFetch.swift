/// Everything that names one container's history in Prometheus: the server, the container,
/// the time window, the grid step, the metrics and their queries. `autoscale data fetch`
/// and the pipeline's `ingest: {prometheus: …}` stage build one; its defaults are the
/// defaults of both (docs/formats/prometheus.md).
public struct PrometheusFetch: Sendable, Equatable {
    /// Which stretch of time to fetch.
    public enum Window: Sendable, Equatable {
        /// The last `seconds` before now, the end rounded down to the step (`PrometheusRange.last`).
        case last(seconds: Double)
        /// A fixed range, seconds since 1970-01-01 UTC.
        case between(start: Double, end: Double)
    }

    /// Two days: the history the predictive-scaling anchor (AWS) forecasts from is 48 h.
    public static let defaultLookback: Double = 2 * 86_400
    /// cAdvisor's usual scrape interval.
    public static let defaultStep: Double = 15

    public var url: String
    public var container: String
    public var window: Window
    public var step: Double
    public var metrics: [ResourceMetric]
    /// Queries that replace the cAdvisor defaults for some metrics (templates with `$container`, `$window`).
    public var overrides: [ResourceMetric: String]
    public var settings: PrometheusClientSettings

    public init(url: String, container: String, window: Window = .last(seconds: PrometheusFetch.defaultLookback),
                step: Double = PrometheusFetch.defaultStep, metrics: [ResourceMetric] = ResourceMetric.allCases,
                overrides: [ResourceMetric: String] = [:], settings: PrometheusClientSettings = PrometheusClientSettings()) {
        self.url = url
        self.container = container
        self.window = window
        self.step = step
        self.metrics = metrics
        self.overrides = overrides
        self.settings = settings
    }

    public var queries: PrometheusQueries { .cadvisor(overriding: overrides) }

    /// The absolute range this fetch covers when run at `now` (seconds since 1970).
    public func range(now: Double) throws(IngestError) -> PrometheusRange {
        switch window {
        case .last(let seconds): return try .last(seconds, step: step, now: now)
        case .between(let start, let end): return try PrometheusRange(start: start, end: end, step: step)
        }
    }

    /// Fetches the history on `range(now:)`; `sleep` waits between retries, `progress(done, total)` counts requests.
    public func history(now: Double, sleep: (@Sendable (Double) -> Void)? = nil,
                        progress: (Int, Int) -> Void = { _, _ in }) throws(IngestError) -> ContainerHistory {
        let client: PrometheusClient
        if let sleep {
            client = try PrometheusClient(baseURL: url, settings: settings, sleep: sleep)
        } else {
            client = try PrometheusClient(baseURL: url, settings: settings)
        }
        guard !metrics.isEmpty else {
            throw .invalidSetting(name: "metrics", value: "", expected: "one or more of \(ResourceMetric.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return try ContainerHistory.fetch(from: client, container: container, range: try range(now: now),
                                          metrics: metrics, queries: queries, progress: progress)
    }

    /// Fetches the history and writes it as long CSV to `destination` (nothing is written
    /// when any metric fails). Returns the history written.
    @discardableResult
    public func export(to destination: CSVDestination, now: Double,
                       progress: (Int, Int) -> Void = { _, _ in }) throws(IngestError) -> ContainerHistory {
        let history = try history(now: now, progress: progress)
        try history.writeCSV(to: destination)
        return history
    }
}
