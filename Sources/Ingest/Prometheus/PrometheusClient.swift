import Foundation
import Series
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A client of Prometheus's HTTP API (`/api/v1/query_range`, `/api/v1/query`), blocking
/// the calling thread for each request (docs/formats/prometheus.md).
///
/// A range with more than `settings.maxPointsPerRequest` grid points is fetched in chunks
/// (`PrometheusRange.chunks`) whose series are joined by label set, so a caller sees one
/// answer whatever the range's length.
public final class PrometheusClient: Sendable {
    /// The server's base URL, e.g. http://127.0.0.1:9090 (a path prefix is kept).
    public let baseURL: URL
    public let settings: PrometheusClientSettings
    private let http: PrometheusHTTP

    /// `sleep` waits between retries (tests pass one that records instead of sleeping).
    public init(baseURL: String, settings: PrometheusClientSettings = PrometheusClientSettings(),
                sleep: @escaping @Sendable (Double) -> Void = { seconds in if seconds > 0 { Thread.sleep(forTimeInterval: seconds) } })
        throws(IngestError) {
        let trimmed = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        guard let url = URL(string: trimmed), let scheme = url.scheme, ["http", "https"].contains(scheme.lowercased()), url.host != nil else {
            throw .invalidSetting(name: "Prometheus URL", value: baseURL, expected: "an http:// or https:// URL such as http://127.0.0.1:9090")
        }
        self.baseURL = url
        self.settings = try settings.validated()
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = settings.timeout
        configuration.timeoutIntervalForResource = settings.timeout
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        http = PrometheusHTTP(session: URLSession(configuration: configuration), settings: self.settings, sleep: sleep)
    }

    deinit {
        http.session.finishTasksAndInvalidate()
    }

    /// Every series `query` gives on `range`'s grid, fetched in chunks of at most
    /// `settings.maxPointsPerRequest` points and joined; `chunkDone(k, n)` is called after
    /// chunk k of n (k = 1 … n), for progress displays. An empty answer is returned as [].
    public func queryRange(_ query: String, range: PrometheusRange,
                           chunkDone: (Int, Int) -> Void = { _, _ in }) throws(IngestError) -> [PrometheusSeries] {
        let chunks = range.chunks(maxPoints: settings.maxPointsPerRequest)
        var joined: [[String: String]: PrometheusSeries] = [:]
        var order: [[String: String]] = []
        for (index, chunk) in chunks.enumerated() {
            let url = endpoint("query_range", [
                ("query", query), ("start", Self.number(chunk.start)), ("end", Self.number(chunk.end)), ("step", Self.number(chunk.step)),
            ])
            let body = try http.get(url, query: query)
            for series in try PrometheusResponse.series(body, url: url.absoluteString) {
                if var existing = joined[series.labels] {
                    existing.timestamps += series.timestamps
                    existing.values += series.values
                    joined[series.labels] = existing
                } else {
                    joined[series.labels] = series
                    order.append(series.labels)
                }
            }
            chunkDone(index + 1, chunks.count)
        }
        return order.map { joined[$0]! }
    }

    /// The instant vector (or scalar) of `query` at `time` (seconds since 1970; nil: the server's now).
    public func query(_ query: String, at time: Double? = nil) throws(IngestError) -> [PrometheusSeries] {
        var items = [("query", query)]
        if let time { items.append(("time", Self.number(time))) }
        let url = endpoint("query", items)
        return try PrometheusResponse.series(try http.get(url, query: query), url: url.absoluteString)
    }

    /// The one series of `query` on `range`, with its finite points named `name`: throws
    /// `prometheusEmptyResult` when it matches nothing, `prometheusSeveralSeries` when it
    /// matches more than one, `prometheusTooFewPoints` when fewer than `minimumPoints` are finite.
    public func singleSeries(_ query: String, range: PrometheusRange, name: String, minimumPoints: Int = 1,
                             chunkDone: (Int, Int) -> Void = { _, _ in }) throws(IngestError) -> TimeSeriesAnswer {
        let all = try queryRange(query, range: range, chunkDone: chunkDone)
        guard let first = all.first else { throw .prometheusEmptyResult(query: query, start: range.start, end: range.end) }
        guard all.count == 1 else {
            throw .prometheusSeveralSeries(query: query, count: all.count, labels: all.prefix(3).map(\.labelText).joined(separator: ", "))
        }
        let series = first.finiteSeries(name: name)
        guard series.count >= minimumPoints else {
            throw .prometheusTooFewPoints(query: query, found: series.count, needed: minimumPoints)
        }
        return TimeSeriesAnswer(series: series, droppedPoints: first.values.count - series.count)
    }

    /// `<base>/api/v1/<path>?items`, percent-encoded (PromQL holds `{`, `"`, `[`, `+`).
    private func endpoint(_ path: String, _ items: [(String, String)]) -> URL {
        var components = URLComponents(url: baseURL.appendingPathComponent("api/v1/\(path)"), resolvingAgainstBaseURL: false)!
        components.percentEncodedQuery = items.map { "\($0.0)=\(Self.encode($0.1))" }.joined(separator: "&")
        return components.url!
    }

    private static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed)!
    }

    /// Seconds as Prometheus reads them: a decimal number with up to millisecond precision.
    static func number(_ seconds: Double) -> String {
        let millis = (seconds * 1000).rounded()
        if millis.truncatingRemainder(dividingBy: 1000) == 0 { return String(Int64(millis / 1000)) }
        return String(Int64(millis) / 1000) + "." + String(String(abs(Int64(millis) % 1000) + 1000).dropFirst())
    }
}

/// A series fetched by `PrometheusClient.singleSeries`, and how many NaN or ±Inf points were left out.
public struct TimeSeriesAnswer: Sendable, Equatable {
    public var series: TimeSeries
    public var droppedPoints: Int
}
