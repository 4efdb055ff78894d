import Foundation
import GRDB
import Testing
@testable import Tracking

@Suite struct RegistryLoggingTests {
    func makeRegistry() throws -> Registry {
        try Registry.inMemory(clock: SteppingClock(start: 1_800_000_000), ids: SeededRunIDGenerator(seed: 7))
    }

    @Test func paramsAreWriteOnceWithAnErrorNamingBothValues() throws {
        let registry = try makeRegistry()
        let run = try registry.createRun(RunSpec(experiment: "cpu"))
        try registry.logParam(run: run, key: "lr", value: "0.01")
        try registry.logParam(run: run, key: "lr", value: "0.01")
        #expect(throws: TrackingError.paramConflict(run: run.rawValue, key: "lr", existing: "0.01", attempted: "0.02")) {
            try registry.logBatch(run: run, params: ["lr": "0.02", "window": "240"], metrics: [MetricPoint(key: "mae", value: 1)], tags: [:])
        }
        // The failed batch left nothing behind: neither its other param nor its metric.
        let details = try registry.runDetails(run)
        #expect(details.params == ["lr": "0.01"])
        #expect(details.metrics.isEmpty)
        let message = TrackingError.paramConflict(run: "r", key: "lr", existing: "0.01", attempted: "0.02").description
        #expect(message.contains("'0.01'") && message.contains("'0.02'"))
    }

    @Test func nanAndInfinityAreStoredExplicitly() throws {
        let registry = try makeRegistry()
        let run = try registry.createRun(RunSpec(experiment: "cpu"))
        try registry.logMetrics(run: run, [
            MetricPoint(key: "loss", value: .nan, step: 0),
            MetricPoint(key: "loss", value: .infinity, step: 1),
            MetricPoint(key: "loss", value: -.infinity, step: 2),
            MetricPoint(key: "loss", value: 0.25, step: 3),
        ])
        let values = try registry.history(run, metric: "loss").points.map(\.value)
        #expect(values.count == 4)
        #expect(values[0].isNaN)
        #expect(values[1] == .infinity && values[2] == -.infinity && values[3] == 0.25)
        let stored = try registry.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM metrics WHERE is_nan = 1") }
        #expect(stored == 1)
    }

    @Test func latestValueFollowsTheHighestStepNotTheLoggingOrder() throws {
        let registry = try makeRegistry()
        let run = try registry.createRun(RunSpec(experiment: "cpu"))
        try registry.logMetric(run: run, key: "mae", value: 3, step: 5)
        try registry.logMetric(run: run, key: "mae", value: 9, step: 2)
        try registry.logMetrics(run: run, [MetricPoint(key: "mae", value: 1, step: 7), MetricPoint(key: "mae", value: 4, step: 6)])
        let summary = try #require(registry.runDetails(run).metrics.first)
        #expect(summary.latest == 1 && summary.latestStep == 7)
        #expect(summary.count == 4 && summary.min == 1 && summary.max == 9)
        try registry.logMetric(run: run, key: "mae", value: .nan, step: 8)
        let afterNaN = try #require(registry.runDetails(run).metrics.first)
        #expect(afterNaN.latest.isNaN && afterNaN.nanCount == 1)
    }

    @Test func tagsAreMutable() throws {
        let registry = try makeRegistry()
        let run = try registry.createRun(RunSpec(experiment: "cpu", tags: ["metric": "cpu"]))
        try registry.setTag(run: run, key: "metric", value: "memory")
        #expect(try registry.runDetails(run).tags == ["metric": "memory"])
    }

    @Test func metricsAreAppendOnlyInSQL() throws {
        let registry = try makeRegistry()
        let run = try registry.createRun(RunSpec(experiment: "cpu"))
        try registry.logMetric(run: run, key: "mae", value: 1)
        #expect(throws: DatabaseError.self) { try registry.write { db in try db.execute(sql: "UPDATE metrics SET value = 2") } }
        #expect(throws: DatabaseError.self) { try registry.write { db in try db.execute(sql: "DELETE FROM metrics") } }
    }

    @Test func statusIsCheckedBySQLite() throws {
        let registry = try makeRegistry()
        let run = try registry.createRun(RunSpec(experiment: "cpu"))
        #expect(throws: DatabaseError.self) {
            try registry.write { db in try db.execute(sql: "UPDATE runs SET status = 'DONE' WHERE id = ?", arguments: [run.rawValue]) }
        }
        try registry.setStatus(run: run, .finished)
        let details = try registry.runDetails(run)
        #expect(details.header.status == .finished)
        #expect(details.endTime != nil)
    }

    @Test func shortPrefixesResolveLikeGit() throws {
        let registry = try makeRegistry()
        let runs = try (0..<40).map { _ in try registry.createRun(RunSpec(experiment: "cpu")) }
        let target = runs[17]
        #expect(try registry.resolveRun(String(target.rawValue.prefix(8))) == target)
        #expect(try registry.resolveRun(target.rawValue.uppercased()) == target)
        // 40 random ids over 16 first characters: some first character is shared, so it is ambiguous.
        let firstCharacters = Dictionary(grouping: runs, by: { $0.rawValue.prefix(1) })
        let shared = try #require(firstCharacters.first(where: { $0.value.count > 1 }))
        #expect(throws: TrackingError.self) { try registry.resolveRun(String(shared.key)) }
        #expect(throws: TrackingError.runNotFound(prefix: "ffffffffffff")) {
            _ = try registry.resolveRun(runs.contains { $0.rawValue.hasPrefix("ffffffffffff") } ? "0" : "ffffffffffff")
        }
        #expect(throws: TrackingError.invalidRunID("xyz")) { try registry.resolveRun("xyz") }
    }

    @Test func lineageAndSourceAreRecorded() throws {
        let registry = try makeRegistry()
        let sweep = try registry.createRun(RunSpec(experiment: "cpu", name: "sweep"))
        let child = try registry.createRun(RunSpec(experiment: "cpu", name: "trial-1", seed: UInt64.max - 1,
                                                   source: RunSource(file: "Pipelines/cpu.yaml", specHash: "ab12"), parent: sweep))
        let details = try registry.runDetails(child)
        #expect(details.ancestors.map(\.id) == [sweep])
        #expect(details.seed == UInt64.max - 1)
        #expect(details.source == RunSource(file: "Pipelines/cpu.yaml", specHash: "ab12"))
        #expect(try registry.runDetails(sweep).children.map(\.name) == ["trial-1"])
    }

    @Test func softDeletedExperimentsDisappearFromListings() throws {
        let registry = try makeRegistry()
        _ = try registry.createRun(RunSpec(experiment: "old"))
        _ = try registry.createRun(RunSpec(experiment: "new"))
        try registry.deleteExperiment("old")
        #expect(try registry.searchRuns(RunSearch()).runs.map(\.experiment) == ["new"])
        #expect(throws: TrackingError.experimentNotFound(name: "nwe", closeMatches: ["new"])) {
            try registry.searchRuns(RunSearch(experiment: "nwe"))
        }
    }
}

@Suite struct HeartbeatTests {
    @Test func staleRunningRunsReadAsKilledUntilTheyHeartbeatAgain() throws {
        let clock = SteppingClock(start: 1_800_000_000, tick: 0)
        let registry = try Registry.inMemory(clock: clock, ids: SeededRunIDGenerator(seed: 5), staleAfter: 60)
        let run = try registry.createRun(RunSpec(experiment: "cpu"))
        clock.advance(by: 59)
        #expect(try registry.runDetails(run).header.status == .running)
        clock.advance(by: 2)
        #expect(try registry.runDetails(run).header.status == .killed)
        try registry.heartbeat(run: run)
        #expect(try registry.runDetails(run).header.status == .running)
    }

    @Test func pumpHeartbeatsUntilStopped() throws {
        let registry = try Registry.inMemory(ids: SeededRunIDGenerator(seed: 6))
        let run = try registry.createRun(RunSpec(experiment: "cpu"))
        let before = try registry.runDetails(run).heartbeat
        let pump = HeartbeatPump(tracker: registry, run: run, interval: 0.01)
        // Wait (bounded) for a later heartbeat; no assertion on how long it took.
        var latest = before
        for _ in 0..<500 where latest <= before {
            Thread.sleep(forTimeInterval: 0.01)
            latest = try registry.runDetails(run).heartbeat
        }
        pump.stop()
        #expect(latest > before)
        #expect(pump.lastError == nil)
    }
}
