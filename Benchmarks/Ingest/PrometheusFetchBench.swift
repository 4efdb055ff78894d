import Foundation
import Ingest
import TestSupport

/// Prometheus fetch speed, against a real Prometheus 2.42 started on 127.0.0.1 with
/// `PrometheusFixture`'s data (scripts/bootstrap.sh installs it as root): decoded points per
/// second of `PrometheusClient.queryRange`, side by side with Prometheus's own client,
/// `promtool query range -o json` (a Go process that requests, decodes and re-encodes the same
/// answer), on the same range, as a ratio. Skipped, saying why, when the binaries are missing.
enum PrometheusFetchBench {
    static func run(measure: (String, Int, () throws -> Int) throws -> Double) throws {
        guard PrometheusTestServer.isAvailable else {
            print("prometheus fetch: skipped (\(PrometheusTestServer.skipReason))")
            return
        }
        let fixture = PrometheusFixture(now: Date().timeIntervalSince1970)
        let server = try PrometheusTestServer(openMetrics: fixture.openMetrics)
        defer { server.stop() }
        // Every series of container "web" (8, of which 7 cover the range) at 1 s: one
        // request of 11,000 grid points per series, the most Prometheus answers at once.
        let query = #"{container="web", __name__=~"container_.*"}"#
        let range = try PrometheusRange(start: fixture.time(0), end: fixture.time(0) + 10_999, step: 1)
        let client = try PrometheusClient(baseURL: server.url)
        let points = Double(try client.queryRange(query, range: range).reduce(0) { $0 + $1.values.count })
        let ours = try measure("prometheus fetch: PrometheusClient.queryRange, 7 series × 11,000 points", 5) {
            try client.queryRange(query, range: range).reduce(0) { $0 + $1.values.count }
        }
        guard let promtool = PrometheusTestServer.executable("promtool") else { return }
        let theirs = try measure("prometheus fetch: promtool query range -o json, same range", 5) {
            try promtoolQuery(promtool, server: server.url, query: query, range: range)
        }
        print(String(format: "prometheus fetch: PrometheusClient %.0f points/s, promtool %.0f points/s; PrometheusClient takes %.2f× promtool's time",
                     points / ours * 1000, points / theirs * 1000, ours / theirs))
        // Longer than one request allows: 20,001 points per series in two chunks.
        let long = try PrometheusRange(start: fixture.time(0), end: fixture.time(0) + 20_000, step: 1)
        _ = try measure("prometheus fetch: 7 series × 20,001 points (2 chunks each)", 5) {
            try client.queryRange(query, range: long).reduce(0) { $0 + $1.values.count }
        }
    }

    /// Runs promtool and returns the points in the JSON it printed, counted as `[` followed by
    /// a digit (each sample is `[unix seconds, "value"]`; nothing is decoded here).
    static func promtoolQuery(_ promtool: String, server: String, query: String, range: PrometheusRange) throws -> Int {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: promtool)
        process.arguments = ["query", "range", "-o", "json", "--start=\(Int(range.start))", "--end=\(Int(range.end))",
                             "--step=\(Int(range.step))s", server, query]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let bytes = [UInt8](pipe.fileHandleForReading.readDataToEndOfFile())
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw BenchError.promtoolFailed(process.terminationStatus) }
        var points = 0
        for i in 0..<max(0, bytes.count - 1) where bytes[i] == UInt8(ascii: "[") && (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[i + 1]) {
            points += 1
        }
        return points
    }

    enum BenchError: Error { case promtoolFailed(Int32) }
}
