import Foundation
import Testing
@testable import TrackingServer

/// `runs server --timing`: the histogram behind it, the phases of one call from an injected
/// clock, and over a real socket the `Server-Timing` header and `/debug/timing`.
@Suite struct ServerTimingTests {
    @Test func histogramKeepsExactCountSumAndMeanAndQuantilesWithinTheirBucket() {
        var histogram = LatencyHistogram()
        #expect(histogram.quantileNanoseconds(0.5).isNaN)
        for _ in 0..<98 { histogram.record(1_000) }
        histogram.record(50_000)
        histogram.record(2_000_000)
        #expect(histogram.count == 100)
        #expect(histogram.totalNanoseconds == 98 * 1_000 + 50_000 + 2_000_000)
        #expect(histogram.meanNanoseconds == 21_480)
        // A quantile is its bucket's geometric middle: within 2^(1/8) − 1 ≈ 9% of the value.
        for (q, value) in [(0.5, 1_000.0), (0.98, 1_000.0), (0.99, 50_000.0), (1.0, 2_000_000.0)] {
            let read = histogram.quantileNanoseconds(q)
            #expect(abs(read / value - 1) < 0.091, "q \(q): \(read) for \(value)")
        }
        #expect(LatencyHistogram.bucket(0) == 0)
        #expect(LatencyHistogram.bucket(1) == 0)
        #expect(LatencyHistogram.bucket(2) == 4)
        #expect(LatencyHistogram.bucket(1024) == 40)
        #expect(LatencyHistogram.bucket(UInt64.max) == LatencyHistogram.bucketCount - 1)
    }

    @Test func phasesAreTheStepsBetweenTheSevenMomentsAndTotalSpansThem() throws {
        var moments = CallTimings.Moments()
        for value: UInt64 in [100, 1_100, 3_100, 6_100, 56_100, 58_100, 158_100] { moments.mark(value) }
        #expect(moments.durations == [1_000, 2_000, 3_000, 50_000, 2_000, 100_000, 158_000])
        #expect(CallTimings.serverTimingHeader(moments)
                == "body;dur=0.001, queue;dur=0.002, parse;dur=0.003, handler;dur=0.050, encode;dur=0.002, resume;dur=0.100, total;dur=0.158")
        #expect([0, 499, 500, 120_400, 1_234_567_890].map(CallTimings.milliseconds) == ["0.000", "0.000", "0.001", "0.120", "1234.568"])
        var partial = CallTimings.Moments()
        partial.mark(1)
        #expect(partial.durations == nil)

        let timings = CallTimings(now: { 0 })
        timings.record(route: "POST runs/log-metric", moments)
        timings.record(route: "POST runs/log-metric", moments)
        timings.record(route: "POST runs/log-metric", partial)
        let routes = try #require(timings.report()["routes"] as? [[String: Any]])
        #expect(routes.count == 1)
        #expect(routes.first?["calls"] as? Int == 2)
        let handler = try #require((routes.first?["phases"] as? [String: [String: Double]])?["handler"])
        #expect(handler["mean_us"] == 50)
        #expect(abs((handler["p50_us"] ?? 0) / 50 - 1) < 0.091)
        timings.reset()
        #expect((timings.report()["routes"] as? [[String: Any]])?.isEmpty == true)
    }

    @Test func timedServerAnswersWithServerTimingAndCountsCallsPerRoute() async throws {
        let server = try await RunningServer.start(timing: true)
        defer { Task { await server.stop() } }
        let created = try await server.post("runs/create", ["experiment_id": "0"])
        let run = try #require((created.json["run"] as? [String: Any]).flatMap { $0["info"] as? [String: Any] }?["run_id"] as? String)
        try await server.client.send("DELETE", "/debug/timing").expectStatus(200)
        for step in 0..<5 {
            let logged = try await server.post("runs/log-metric", ["run_id": run, "key": "loss", "value": 1.0 / Double(step + 1), "timestamp": 1_764_900_000_000, "step": step])
            #expect(logged.status == 200)
            let header = try #require(logged.headers["server-timing"])
            let phases = try Self.phases(header)
            #expect(phases.map(\.name) == CallTimings.Phase.allCases.map(\.rawValue))
            let total = try #require(phases.last?.milliseconds)
            for phase in phases.dropLast() { #expect(phase.milliseconds >= 0 && phase.milliseconds <= total) }
        }
        // A failed call is not counted.
        #expect(try await server.post("runs/log-metric", ["run_id": run, "key": "loss"]).status == 400)
        let report = try await server.client.send("GET", "/debug/timing")
        let routes = try #require(report.json["routes"] as? [[String: Any]])
        #expect(routes.map { $0["route"] as? String } == ["POST runs/log-metric"])
        #expect(routes.first?["calls"] as? Int == 5)
        try await server.client.send("DELETE", "/debug/timing").expectStatus(200)
        #expect((try await server.client.send("GET", "/debug/timing").json["routes"] as? [Any])?.isEmpty == true)
    }

    @Test func untimedServerHasNoTimingHeaderNorRoute() async throws {
        let server = try await RunningServer.start()
        defer { Task { await server.stop() } }
        let created = try await server.post("runs/create", ["experiment_id": "0"])
        #expect(created.status == 200)
        #expect(created.headers["server-timing"] == nil)
        #expect(try await server.client.send("GET", "/debug/timing").status == 404)
    }

    @Test func resettingTimingNeedsTheTokenWhenTheServerHasOne() async throws {
        let server = try await RunningServer.start(token: "s3cret", timing: true)
        defer { Task { await server.stop() } }
        #expect(try await server.client.send("DELETE", "/debug/timing").status == 401)
        #expect(try await server.client.send("DELETE", "/debug/timing", headers: ["Authorization": "Bearer s3cret"]).status == 200)
        #expect(try await server.client.send("GET", "/debug/timing").status == 200)
    }

    /// `name;dur=ms, …` → (name, ms) pairs.
    static func phases(_ header: String) throws -> [(name: String, milliseconds: Double)] {
        try header.split(separator: ",").map { part in
            let pieces = part.trimmingCharacters(in: .whitespaces).split(separator: ";")
            guard pieces.count == 2, pieces[1].hasPrefix("dur="), let value = Double(pieces[1].dropFirst(4)) else {
                throw RawHTTPClient.Failure(description: "not a Server-Timing entry: '\(part)'")
            }
            return (String(pieces[0]), value)
        }
    }
}

extension RawHTTPClient.Response {
    /// Fails with the answer's body unless its status is `status`.
    func expectStatus(_ status: Int, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(self.status == status, "\(String(decoding: body, as: UTF8.self))", sourceLocation: sourceLocation)
    }
}
