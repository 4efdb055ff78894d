import Foundation
import Ingest
import TestSupport
import Testing
@testable import Pipeline

/// `ingest: {prometheus: …}`: decoding, its cache key, and a run against a real Prometheus.
@Suite struct PrometheusIngestTests {
    static func pipeline(_ source: String) -> String {
        """
        format_version: 1
        name: prom
        stages:
          data:
            kind: ingest
            prometheus:
        \(source.split(separator: "\n").map { "      \($0)" }.joined(separator: "\n"))
          series:
            kind: preprocess
            needs: data
            metric: memory

        """
    }

    @Test func theStageDecodesWithItsDefaultsAndOverrides() throws {
        let fixture = try PipelineSpecFixture()
        let spec = try fixture.load(Self.pipeline("""
            url: http://127.0.0.1:9090
            container: web
            start: 2026-01-01T00:00:00Z
            end: 2026-01-02T00:00:00Z
            step: 30s
            queries:
              memory: max(rss{c="$container"})
            """))
        let expected = PrometheusFetch(url: "http://127.0.0.1:9090", container: "web",
                                       window: .between(start: 1_767_225_600, end: 1_767_312_000), step: 30,
                                       overrides: [.memory: #"max(rss{c="$container"})"#])
        #expect(spec.plan.stage("data")?.section == .ingest(IngestStage(source: .prometheus(PrometheusSource(fetch: expected)))))

        let defaults = try fixture.load(Self.pipeline("url: http://p:9090\ncontainer: api"))
        #expect(defaults.plan.stage("data")?.section
            == .ingest(IngestStage(source: .prometheus(PrometheusSource(fetch: PrometheusFetch(url: "http://p:9090", container: "api"))))))
    }

    @Test func badKeysAreReportedWithTheirPlace() throws {
        let fixture = try PipelineSpecFixture()
        let both = fixture.errors(Self.pipeline("url: http://p:9090\ncontainer: web\nsince: 2d\nstart: 2026-01-01"))
        #expect(both.count == 1 && both[0].contains("stages.data.prometheus.since") && both[0].contains("give either since: or start: and end:"), "\(both)")
        let missing = fixture.errors(Self.pipeline("container: web\nqueries:\n  mem: up"))
        #expect(missing.count == 2, "\(missing)")
        #expect(missing.contains { $0.contains("stages.data.prometheus.url") }, "\(missing)")
        #expect(missing.contains { $0.contains("stages.data.prometheus.queries.mem") && $0.contains("memory") }, "\(missing)")
        let reversed = fixture.errors(Self.pipeline("url: http://p:9090\ncontainer: web\nstart: 2026-01-02\nend: 2026-01-01"))
        #expect(reversed.count == 1 && reversed[0].contains("start must be before end"), "\(reversed)")
    }

    /// With `since:` the key's range ends at now rounded down to the step: the same within a
    /// step, different one step later; a fixed range never moves.
    @Test func theCacheKeyHoldsTheURLQueriesAndResolvedRange() throws {
        let fetch = PrometheusFetch(url: "http://p:9090", container: "web", window: .last(seconds: 3600), step: 15)
        let source = PrometheusSource(fetch: fetch)
        let now = 1_700_000_017.0  // 1,700,000,010 is a multiple of 15
        let first = try PrometheusFingerprint.parameters(source, now: now)
        #expect(first["prometheus.end"] == "1700000010.0" && first["prometheus.start"] == "1699996410.0")
        #expect(first["prometheus.url"] == "http://p:9090")
        #expect(first["prometheus.query.cpu"] == #"sum(rate(container_cpu_usage_seconds_total{container="web"}[60s]))"#)
        #expect(try PrometheusFingerprint.parameters(source, now: now + 7.9) == first)
        let later = try PrometheusFingerprint.parameters(source, now: now + 8)
        #expect(later["prometheus.end"] == "1700000025.0" && later["prometheus.start"] == "1699996425.0")
        var overridden = fetch
        overridden.overrides[.memory] = "up"
        #expect(try PrometheusFingerprint.parameters(PrometheusSource(fetch: overridden), now: now)["prometheus.query.memory"] == "up")
        let fixed = PrometheusSource(fetch: PrometheusFetch(url: "http://p:9090", container: "web", window: .between(start: 0, end: 600)))
        #expect(try PrometheusFingerprint.parameters(fixed, now: 1) == PrometheusFingerprint.parameters(fixed, now: 1_000_000))
    }

    @Test(.enabled(if: PrometheusTestServer.isAvailable, Comment(rawValue: PrometheusTestServer.skipReason)))
    func theStageFetchesFromARealPrometheusAndIsReusedOnARerun() throws {
        let fixture = PrometheusFixture(now: Date().timeIntervalSince1970)
        let server = try PrometheusTestServer(openMetrics: fixture.openMetrics)
        defer { server.stop() }
        let yaml = Self.pipeline("""
            url: \(server.url)
            container: web
            start: \(Int(fixture.time(0)))
            end: \(Int(fixture.time(99)))
            step: 15s
            """)
        let workspace = try TinyPipeline.Workspace(yaml: yaml)
        let first = try workspace.run()
        #expect(first.failed.isEmpty, "\(first.failed.map { $0.reason ?? "" })")
        #expect(first.outcome("data") == "executed" && first.outcome("series") == "executed")
        let key = try #require(first.stages.first { $0.id == "data" }?.key)
        guard case .series(let list) = try StageCache(besideRegistry: workspace.location.databasePath).product(key) else {
            Issue.record("the ingest product is not a series list")
            return
        }
        #expect(list.map { $0.metric ?? "" } == ["cpu", "disk_reads", "disk_writes", "memory", "network_rx", "network_tx"])
        let memory = try #require(list.first { $0.metric == "memory" })
        #expect(memory.container == "web")
        #expect(memory.timestamps == (0..<100).map(fixture.time))
        #expect(memory.values == (0..<100).map(fixture.memory))

        let again = try workspace.run()
        #expect(again.outcome("data") == "reused" && again.outcome("series") == "reused")

        let wrong = try TinyPipeline.Workspace(yaml: yaml.replacingOccurrences(of: "container: web", with: "container: nope"))
        let failed = try wrong.run()
        #expect(failed.outcome("data") == "failed")
        #expect(failed.failed.first?.reason?.contains("returned no data") == true, "\(failed.failed.map { $0.reason ?? "" })")
    }
}
