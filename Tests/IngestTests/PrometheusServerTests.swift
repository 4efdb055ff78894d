import Foundation
import Ingest
import TestSupport
import Testing

/// Records the pauses the client asks for instead of sleeping.
final class RecordedSleeps: @unchecked Sendable {
    private let lock = NSLock()
    private var pauses: [Double] = []

    var recorded: [Double] { lock.withLock { pauses } }

    var sleep: @Sendable (Double) -> Void {
        { seconds in self.lock.withLock { self.pauses.append(seconds) } }
    }
}

/// The error `body` throws, or nil when it returns.
func ingestFailure<T>(_ body: () throws(IngestError) -> T) -> IngestError? {
    do {
        _ = try body()
        return nil
    } catch {
        return error
    }
}

/// `PrometheusClient` and `ContainerHistory` against a real Prometheus 2.42 started on
/// 127.0.0.1 with `PrometheusFixture`'s data backfilled by promtool.
@Suite(.enabled(if: PrometheusTestServer.isAvailable, Comment(rawValue: PrometheusTestServer.skipReason)))
struct PrometheusServerTests {
    let fixture = PrometheusFixture(now: Date().timeIntervalSince1970)

    @Test func rangeAndInstantQueriesGiveTheBackfilledValues() throws {
        let server = try PrometheusTestServer(openMetrics: fixture.openMetrics)
        defer { server.stop() }
        let client = try PrometheusClient(baseURL: server.url)
        let range = try PrometheusRange(start: fixture.time(0), end: fixture.time(99), step: 15)
        let series = try client.queryRange(#"container_memory_working_set_bytes{container="web"}"#, range: range)
        #expect(series.count == 1)
        #expect(series[0].labels == ["__name__": "container_memory_working_set_bytes", "container": "web"])
        #expect(series[0].timestamps == (0..<100).map(fixture.time))
        #expect(series[0].values == (0..<100).map(fixture.memory))

        let instant = try client.query(#"container_memory_working_set_bytes{container="api"}"#, at: fixture.time(10))
        #expect(instant.map(\.timestamps) == [[fixture.time(10)]])
        #expect(instant.map(\.values) == [[7_000_010]])

        let special = try client.queryRange(#"special_values{container="web"}"#,
                                            range: try PrometheusRange(start: fixture.time(0), end: fixture.time(3), step: 15))
        let values = try #require(special.first?.values)
        #expect(values.count == 4)
        #expect(values[0].isNaN && values[1] == .infinity && values[2] == -.infinity && values[3] == 1500)
    }

    @Test func rangesOverElevenThousandPointsAreFetchedInChunksAndJoined() throws {
        let server = try PrometheusTestServer(openMetrics: fixture.openMetrics)
        defer { server.stop() }
        let query = #"container_memory_working_set_bytes{container="web"}"#
        // 20,001 one-second points: Prometheus alone refuses this range (over 11,000 points).
        let range = try PrometheusRange(start: fixture.time(0), end: fixture.time(0) + 20_000, step: 1)
        var calls: [[Int]] = []
        let series = try PrometheusClient(baseURL: server.url).queryRange(query, range: range) { calls.append([$0, $1]) }
        #expect(calls == [[1, 2], [2, 2]])
        #expect(series.count == 1)
        let joined = try #require(series.first)
        #expect(joined.timestamps == (0...20_000).map { fixture.time(0) + Double($0) })
        // Each second reads the latest sample at or before it: sample ⌊k / 15⌋.
        #expect(joined.values == (0...20_000).map { fixture.memory($0 / 15) })

        let small = try PrometheusClient(baseURL: server.url, settings: PrometheusClientSettings(maxPointsPerRequest: 1000))
        var smallCalls = 0
        #expect(try small.queryRange(query, range: range) { _, _ in smallCalls += 1 } == series)
        #expect(smallCalls == 21)
    }

    @Test func containerHistoryHasTheSixMetricsInCSVUnits() throws {
        let server = try PrometheusTestServer(openMetrics: fixture.openMetrics)
        defer { server.stop() }
        let client = try PrometheusClient(baseURL: server.url)
        let range = try PrometheusRange(start: fixture.time(20), end: fixture.time(219), step: 15)
        let history = try ContainerHistory.fetch(from: client, container: "web", range: range, minimumPoints: 200)
        let times = (20...219).map(fixture.time)
        #expect(history.series.count == 6)
        for metric in ResourceMetric.allCases {
            #expect(history.series[metric]?.timestamps == times, "\(metric)")
            #expect(history.series[metric]?.name == "web/\(metric.rawValue)")
        }
        // cpu: rate of a counter rising 7.5 CPU-seconds every 15 s = 0.5 cores.
        let cpu = try #require(history.series[.cpu]?.values)
        #expect(cpu.allSatisfy { abs($0 - 0.5) < 1e-9 }, "\(cpu.prefix(5))")
        #expect(history.series[.memory]?.values == (20...219).map(fixture.memory))
        #expect(history.series[.diskReads]?.values == (20...219).map { 100 * Double($0) })
        #expect(history.series[.diskWrites]?.values == (20...219).map { 200 * Double($0) })
        // Two interfaces summed: 300·i + i.
        #expect(history.series[.networkRx]?.values == (20...219).map { 301 * Double($0) })
        #expect(history.series[.networkTx]?.values == (20...219).map { 400 * Double($0) })
        #expect(history.droppedPoints == 0)

        let folder = try TemporaryFolder()
        let path = folder.url.appendingPathComponent("web.csv").path
        #expect(try history.writeCSV(to: .file(path)) == 1200)
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 1201)
        let first = CivilTime.iso8601(epochSeconds: fixture.time(20))
        #expect(Array(lines.prefix(7)) == [
            "timestamp,container,metric,value",
            "\(first),web,cpu,0.5000", "\(first),web,memory,1020000", "\(first),web,disk_reads,2000",
            "\(first),web,disk_writes,4000", "\(first),web,network_rx,6020", "\(first),web,network_tx,8000",
        ])
        // Read back through the CSV path, the series are the fetched ones.
        let back = try CSVSeriesReader.readAll(path: path, options: CSVReadOptions())
        #expect(back[SeriesKey(container: "web", metric: "memory")]?.values == history.series[.memory]?.values)
        #expect(back[SeriesKey(container: "web", metric: "memory")]?.timestamps == times)
    }

    @Test func badQueriesEmptyResultsAndShortHistoriesAreTypedErrors() throws {
        let server = try PrometheusTestServer(openMetrics: fixture.openMetrics)
        defer { server.stop() }
        let client = try PrometheusClient(baseURL: server.url)
        let range = try PrometheusRange(start: fixture.time(0), end: fixture.time(99), step: 15)

        let rejected = ingestFailure { () throws(IngestError) in try client.queryRange("sum(container_memory_working_set_bytes", range: range) }
        guard case .prometheusQueryRejected(let query, let status, let type, let message)? = rejected else {
            Issue.record("bad PromQL gave \(String(describing: rejected))")
            return
        }
        #expect(query == "sum(container_memory_working_set_bytes")
        #expect(status == 400 && type == "bad_data")
        #expect(message.contains("unclosed left parenthesis"), "\(message)")

        #expect(throws: IngestError.prometheusEmptyResult(
            query: #"sum(container_memory_working_set_bytes{container="nope"})"#, start: range.start, end: range.end)) {
            try ContainerHistory.fetch(from: client, container: "nope", range: range, metrics: [.memory])
        }
        #expect(throws: IngestError.prometheusTooFewPoints(
            query: #"sum(container_memory_working_set_bytes{container="web"})"#, found: 100, needed: 288)) {
            try ContainerHistory.fetch(from: client, container: "web", range: range, metrics: [.memory], minimumPoints: 288)
        }
        let several = ingestFailure { () throws(IngestError) in
            try client.singleSeries(#"container_network_receive_bytes_total{container="web"}"#, range: range, name: "x")
        }
        guard case .prometheusSeveralSeries(_, let count, let labels)? = several else {
            Issue.record("two series gave \(String(describing: several))")
            return
        }
        #expect(count == 2)
        #expect(labels.contains(#"interface="eth0""#) && labels.contains(#"interface="eth1""#))
        // A path that is not the API: Prometheus answers 404 with plain text.
        let wrong = try PrometheusClient(baseURL: server.url + "/graph")
        let notFound = ingestFailure { () throws(IngestError) in try wrong.query("up") }
        guard case .prometheusBadResponse(let url, let reason)? = notFound else {
            Issue.record("a 404 page gave \(String(describing: notFound))")
            return
        }
        #expect(url.hasPrefix(server.url + "/graph/api/v1/query?"))
        #expect(reason.contains("404"))
    }

    @Test func aClosedPortIsRetriedWithBackoffThenReportedUnreachable() throws {
        let port = try PrometheusTestServer.freePort()
        let sleeps = RecordedSleeps()
        let client = try PrometheusClient(baseURL: "http://127.0.0.1:\(port)", settings: PrometheusClientSettings(timeout: 5), sleep: sleeps.sleep)
        let error = ingestFailure { () throws(IngestError) in try client.query("up") }
        guard case .prometheusUnreachable(let url, let attempts, _)? = error else {
            Issue.record("a closed port gave \(String(describing: error))")
            return
        }
        #expect(url == "http://127.0.0.1:\(port)/api/v1/query?query=up")
        #expect(attempts == 3)
        #expect(error?.description.contains("after 3 attempts") == true)
        #expect(sleeps.recorded == [0.5, 1.0])
    }

    @Test func aServerStoppedMidwayIsRetriedThenReportedUnreachable() throws {
        let server = try PrometheusTestServer(openMetrics: fixture.openMetrics)
        defer { server.stop() }
        let sleeps = RecordedSleeps()
        let settings = PrometheusClientSettings(timeout: 5, retry: PrometheusRetry(attempts: 4, initialBackoff: 0.25), maxPointsPerRequest: 1000)
        let client = try PrometheusClient(baseURL: server.url, settings: settings, sleep: sleeps.sleep)
        let range = try PrometheusRange(start: fixture.time(0), end: fixture.time(0) + 5000, step: 1)
        var chunks = 0
        let error = ingestFailure { () throws(IngestError) in
            try client.queryRange(#"container_memory_working_set_bytes{container="web"}"#, range: range) { done, _ in
                chunks = done
                if done == 1 { server.stop() }
            }
        }
        guard case .prometheusUnreachable(let url, let attempts, _)? = error else {
            Issue.record("the stopped server gave \(String(describing: error))")
            return
        }
        #expect(url.hasPrefix(server.url + "/api/v1/query_range?"))
        #expect(url.contains("start=\(Int(fixture.time(0)) + 1000)&"))
        #expect(attempts == 4)
        #expect(chunks == 1)
        #expect(!server.isRunning)
        #expect(sleeps.recorded == [0.25, 0.5, 1.0])
    }
}
