import Foundation
import TestSupport
import Testing

/// `autoscale data fetch` as a user runs it: the real binary against a real Prometheus
/// (Debian's 2.42) holding `PrometheusFixture`'s data.
@Suite(.enabled(if: PrometheusTestServer.isAvailable, Comment(rawValue: PrometheusTestServer.skipReason)))
struct DataFetchCommandTests {
    @Test func fetchWritesTheContainersHistoryAsLongCSV() throws {
        let fixture = PrometheusFixture(now: Date().timeIntervalSince1970)
        let server = try PrometheusTestServer(openMetrics: fixture.openMetrics)
        defer { server.stop() }
        let folder = try TemporaryFolder(prefix: "data-fetch")
        let path = folder.url.appendingPathComponent("web.csv").path
        let result = try ProductRunner(product: "autoscale").run([
            "data", "fetch", "--prometheus", server.url, "--container", "web", "--since", "12h", "--step", "15s",
            "--metrics", "memory,network_rx", "--output", path, "--json",
        ], in: folder.url)
        #expect(result.status == 0, "\(result.stderr)")
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(summary["container"] as? String == "web")
        #expect(summary["step_seconds"] as? Double == 15)
        #expect(summary["queries"] as? [String: String] == [
            "memory": #"sum(container_memory_working_set_bytes{container="web"})"#,
            "network_rx": #"sum(container_network_receive_bytes_total{container="web"})"#,
        ])
        let points = try #require(summary["points"] as? [String: Int])
        // 1440 samples, each also read for up to 5 minutes after it (Prometheus's lookback).
        #expect((1440...1461).contains(points["memory"] ?? 0), "\(points)")
        #expect(points["memory"] == points["network_rx"])

        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(lines.first == "timestamp,container,metric,value")
        #expect(lines.count - 1 == summary["rows"] as? Int)
        var memory: [String: String] = [:], network: [String: String] = [:]
        for line in lines.dropFirst() {
            let fields = line.split(separator: ",").map(String.init)
            #expect(fields.count == 4 && fields[1] == "web")
            if fields[2] == "memory" { memory[fields[0]] = fields[3] }
            if fields[2] == "network_rx" { network[fields[0]] = fields[3] }
        }
        for i in [0, 1, 700, 1439] {
            let stamp = Self.iso8601(fixture.time(i))
            #expect(memory[stamp] == String(Int(fixture.memory(i))), "memory at \(stamp)")
            #expect(network[stamp] == String(301 * i), "network_rx at \(stamp)")
        }
    }

    @Test func anUnknownContainerFailsAndWritesNothing() throws {
        let fixture = PrometheusFixture(now: Date().timeIntervalSince1970)
        let server = try PrometheusTestServer(openMetrics: fixture.openMetrics)
        defer { server.stop() }
        let folder = try TemporaryFolder(prefix: "data-fetch")
        let path = folder.url.appendingPathComponent("nope.csv").path
        let result = try ProductRunner(product: "autoscale").run([
            "data", "fetch", "--prometheus", server.url, "--container", "nope", "--since", "12h", "--output", path,
        ], in: folder.url)
        #expect(result.status != 0)
        #expect(result.stderr.contains(#"the query "sum(rate(container_cpu_usage_seconds_total{container=\"nope\"}[60s]))" returned no data"#), "\(result.stderr)")
        #expect(result.stderr.contains("check the container label"))
        #expect(!FileManager.default.fileExists(atPath: path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }

    @Test func aClosedPortFailsWithTheURLAndAttempts() throws {
        let port = try PrometheusTestServer.freePort()
        let folder = try TemporaryFolder(prefix: "data-fetch")
        let result = try ProductRunner(product: "autoscale").run([
            "data", "fetch", "--prometheus", "http://127.0.0.1:\(port)", "--container", "web", "--output", "out.csv",
        ], in: folder.url)
        #expect(result.status != 0)
        #expect(result.stderr.contains("cannot reach Prometheus at http://127.0.0.1:\(port)/api/v1/query_range?"), "\(result.stderr)")
        #expect(result.stderr.contains("after 3 attempts"))
    }

    /// `YYYY-MM-DDTHH:MM:SSZ`, as the long CSV writes whole-second timestamps.
    static func iso8601(_ seconds: Double) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm:ss'Z'"
        return formatter.string(from: Date(timeIntervalSince1970: seconds))
    }
}
