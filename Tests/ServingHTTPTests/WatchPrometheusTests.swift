import Foundation
import Ingest
import Series
import Serving
import ServingHTTP
import TestSupport
import Testing
import Tracking

/// `watch` against a real Prometheus (Debian's 2.42, backfilled with known cAdvisor-like
/// data): forecasts served over HTTP, marked stale while the server is down, fresh again
/// once it is back; and `autoscale predict --prometheus` through the binary.
@Suite(.serialized, .enabled(if: PrometheusTestServer.isAvailable, Comment(rawValue: PrometheusTestServer.skipReason)))
struct WatchPrometheusTests {
    /// Models on the fixture's 15 s grid: naive for cpu (cores), ARIMA for memory (bytes).
    func registry() throws -> ServingFixture {
        let fixture = try ServingFixture()
        try fixture.promote(try Series60.artifact(.naive, on: Series60.cpu(400, interval: 15)), model: "autoscale-cpu")
        try fixture.promote(try Series60.artifact(.arima, on: Series60.memory(400, interval: 15)), model: "autoscale-memory")
        return fixture
    }

    /// The cpu history as the library reads it: 0.5 cores wherever the rate window is full
    /// (the counter grows 0.5 s per s); the last points, in Prometheus's 5-minute lookback
    /// after the data ends, are smaller. Naive forecasts repeat the last one.
    func cpuHistory(_ url: String) throws -> TimeSeries {
        let history = try PrometheusHistorySource(fetch: fetch(url), step: { _ in 15 }, now: { Date().timeIntervalSince1970 })
            .history(container: "web", metric: "cpu")
        #expect(history.count > 1000)
        #expect(history.values[100..<1000].allSatisfy { abs($0 - 0.5) < 1e-9 })
        return history
    }

    func fetch(_ url: String) -> PrometheusFetch {
        PrometheusFetch(url: url, container: "web", settings: PrometheusClientSettings(timeout: 2, retry: PrometheusRetry(attempts: 1)))
    }

    @Test func watchServesGoesStaleAndRecovers() async throws {
        let data = PrometheusFixture(now: Date().timeIntervalSince1970)
        let prometheus = try PrometheusTestServer(openMetrics: data.openMetrics)
        let fixture = try registry()
        let server = try await RunningServer(fixture.settings(source: .prometheus(fetch(prometheus.url)), containers: ["web"], watchSeconds: 0.5))
        let forecastURL = server.url + "/v1/forecast?container=web"

        try await HTTP.waitUntil("the first refresh") { try await HTTP.get(forecastURL).status == 200 }
        let fresh = try await HTTP.get(forecastURL).json()
        #expect(fresh["stale"] as? Bool == false)
        let forecasts = try #require(fresh["forecasts"] as? [[String: Any]])
        #expect(forecasts.map { $0["metric"] as? String } == ["cpu", "memory"])
        let last = try cpuHistory(prometheus.url).values.last!
        let cpuValues = (forecasts[0]["horizons"] as? [[String: Any]])?.compactMap { $0["value"] as? Double } ?? []
        #expect(cpuValues == [last, last, last])
        // memory ends at 1,000,000 + 1000·1439 bytes; ARIMA stays near it.
        let memoryValues = (forecasts[1]["horizons"] as? [[String: Any]])?.compactMap { $0["value"] as? Double } ?? []
        #expect(memoryValues.count == 3)
        #expect(memoryValues.allSatisfy { abs($0 - data.memory(data.count - 1)) < 0.05 * data.memory(data.count - 1) }, "\(memoryValues)")
        // At most 0.5 cores + 10 % at 80 % of one core per replica: one replica.
        let recommendation = try await HTTP.get(server.url + "/v1/recommendation?container=web").json()
        #expect(recommendation["replicas"] as? Int == 1)

        prometheus.stop()
        try await HTTP.waitUntil("the forecasts to be marked stale") { try await HTTP.get(forecastURL).json()["stale"] as? Bool == true }
        let stale = try await HTTP.get(forecastURL)
        #expect(stale.status == 200)
        let staleBody = try stale.json()
        #expect((staleBody["last_error"] as? String)?.contains(prometheus.url) == true, "\(stale.text)")
        #expect((staleBody["age_seconds"] as? Double ?? -1) > 0)
        #expect((staleBody["forecasts"] as? [[String: Any]])?.count == 2, "the last forecasts are still served")
        let staleRecommendation = try await HTTP.get(server.url + "/v1/recommendation?container=web").json()
        #expect(staleRecommendation["stale"] as? Bool == true)
        #expect(staleRecommendation["replicas"] as? Int == 1)
        #expect(try await HTTP.get(server.url + "/metrics").text.contains("autoscale_forecast_stale{container=\"web\"} 1.0"))
        #expect(server.log.all.contains { $0.hasPrefix("web: stale (age ") })

        try prometheus.restart()
        try await HTTP.waitUntil("the watch to recover") { try await HTTP.get(forecastURL).json()["stale"] as? Bool == false }
        #expect(try await HTTP.get(forecastURL).json()["last_error"] == nil)
        #expect(try await HTTP.get(server.url + "/metrics").text.contains("autoscale_forecast_stale{container=\"web\"} 0.0"))
        try await server.stop()
        prometheus.stop()
    }

    @Test func predictReadsPrometheus() throws {
        let data = PrometheusFixture(now: Date().timeIntervalSince1970)
        let prometheus = try PrometheusTestServer(openMetrics: data.openMetrics)
        let fixture = try registry()
        let result = try ProductRunner(product: "autoscale").run([
            "predict", "--container", "web", "--prometheus", prometheus.url, "--since", "1d", "--db", fixture.location.databasePath, "--json",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let body = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let forecasts = try #require(body["forecasts"] as? [[String: Any]])
        #expect(forecasts.map { $0["metric"] as? String } == ["cpu", "memory"])
        #expect(forecasts.allSatisfy { $0["interval_seconds"] as? Double == 15 })
        let last = try cpuHistory(prometheus.url).values.last!
        let cpu = (forecasts[0]["horizons"] as? [[String: Any]])?.compactMap { $0["value"] as? Double } ?? []
        #expect(cpu == [last, last, last])
        prometheus.stop()
    }

    /// `autoscale watch --json` as a real process: one JSON line per container and cycle on
    /// stdout, a log line on stderr, exit 0 on SIGTERM.
    @Test func watchCommandPrintsACyclePerLine() throws {
        let data = PrometheusFixture(now: Date().timeIntervalSince1970)
        let prometheus = try PrometheusTestServer(openMetrics: data.openMetrics)
        let fixture = try registry()
        let (process, stdout, stderr) = try ProductRunner(product: "autoscale").start([
            "watch", "--prometheus", prometheus.url, "--container", "web", "--every", "1s", "--db", fixture.location.databasePath, "--json",
        ])
        defer { if process.isRunning { process.terminate() } }
        var received = Data()
        while !received.contains(UInt8(ascii: "\n")) {
            let chunk = stdout.fileHandleForReading.availableData
            guard !chunk.isEmpty else { break }
            received.append(chunk)
        }
        let line = try #require(received.split(separator: UInt8(ascii: "\n")).first, "no cycle printed")
        let cycle = try #require(try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any])
        #expect(cycle["container"] as? String == "web")
        #expect(cycle["stale"] as? Bool == false)
        #expect((cycle["forecasts"] as? [[String: Any]])?.map { $0["metric"] as? String } == ["cpu", "memory"])
        #expect((cycle["recommendation"] as? [String: Any])?["replicas"] as? Int == 1)
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let log = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(log.contains(" web: cpu "), "\(log)")
        prometheus.stop()
    }
}
