import Ingest

/// `prometheus:` — one container's six metrics from a Prometheus server
/// (docs/formats/prometheus.md, docs/formats/pipeline-yaml.md):
///
///     prometheus:
///       url: http://127.0.0.1:9090
///       container: web
///       since: 2d            # or start: / end: (ISO 8601 or epoch seconds)
///       step: 15s
///       queries:             # optional, per metric; $container and $window are filled in
///         memory: sum(container_memory_rss{container="$container"})
///
/// Defaults are `PrometheusFetch`'s (the last 2 days, step 15 s, cAdvisor queries).
public struct PrometheusSource: Sendable, Equatable {
    public var fetch: PrometheusFetch

    public init(fetch: PrometheusFetch) {
        self.fetch = fetch
    }

    enum Key: String, CaseIterable { case url, container, since, start, end, step, queries }

    /// Every bad key is recorded; nil when any was.
    static func decode(_ m: ConfigMapping<Key>, diagnostics d: inout SpecDiagnostics) -> PrometheusSource? {
        let begin = d.errors.count
        let url = d.value("") { () throws(ConfigError) in try m.requiredString(.url, example: "url: http://127.0.0.1:9090") }
        let container = d.value("") { () throws(ConfigError) in try m.requiredString(.container, example: "container: web") }
        let step = d.value(PrometheusFetch.defaultStep) { () throws(ConfigError) in
            let seconds = try m.interval(.step, default: PrometheusFetch.defaultStep, example: "step: 15s")
            guard seconds >= 0.001 else { throw m.error(.outOfRange(value: seconds.secondsText + "s", advice: "use a step of 1ms or more"), .step) }
            return seconds
        }
        let window = d.value(PrometheusFetch.Window.last(seconds: PrometheusFetch.defaultLookback)) { () throws(ConfigError) in
            try Self.window(m)
        }
        var overrides: [ResourceMetric: String] = [:]
        if let queries = d.section(m, .queries, keys: ResourceMetric.self) {
            for metric in ResourceMetric.allCases {
                if let query = d.value(nil, { () throws(ConfigError) in try queries.string(metric, default: nil).value }) {
                    overrides[metric] = query
                }
            }
        }
        guard d.errors.count == begin else { return nil }
        return PrometheusSource(fetch: PrometheusFetch(url: url, container: container, window: window, step: step, overrides: overrides))
    }

    /// `since:` (a lookback) or `start:` and `end:` (a fixed range); the lookback by default.
    private static func window(_ m: ConfigMapping<Key>) throws(ConfigError) -> PrometheusFetch.Window {
        let fixed = m.node(.start) != nil || m.node(.end) != nil
        if fixed {
            if m.node(.since) != nil {
                throw m.error(.refused(value: "since", reason: "give either since: or start: and end:, not both"), .since)
            }
            let start = try timestamp(m, .start), end = try timestamp(m, .end)
            guard start < end else {
                throw m.error(.outOfRange(value: "\(start) … \(end)", advice: "start must be before end"), .end)
            }
            return .between(start: start, end: end)
        }
        let since = try m.interval(.since, default: PrometheusFetch.defaultLookback, example: "since: 2d")
        return .last(seconds: since)
    }

    private static func timestamp(_ m: ConfigMapping<Key>, _ key: Key) throws(ConfigError) -> Double {
        let text = try m.requiredString(key, example: "\(key.rawValue): 2026-01-01T00:00:00Z")
        switch TimestampParser.parse(text) {
        case .success(let seconds): return seconds
        case .failure(.malformed(let reason)):
            throw m.error(.wrongType(expected: "an ISO 8601 time or epoch seconds (\(reason))", got: "\"\(text)\"", defaultValue: nil), key)
        }
    }
}
