import Testing
import Tracking

/// `Registry.runSnapshot`, the one-read view MLflow's run answers use, agrees with `runDetails`
/// (the `runs show` view) and the deletion and experiment lookups it replaces.
@Suite struct RunSnapshotTests {
    @Test func snapshotAgreesWithDetailsDeletionAndExperimentKeys() throws {
        let clock = SteppingClock(start: 1_800_000_000)
        let registry = try Registry.inMemory(clock: clock, ids: SeededRunIDGenerator(seed: 11), staleAfter: 120)
        let parent = try registry.createRun(RunSpec(experiment: "snap", name: "parent"))
        let run = try registry.createRun(RunSpec(experiment: "snap", name: "child", parent: parent, tags: ["team": "a"]))
        try registry.logBatch(run: run, params: ["lr": "0.1", "model": "lstm"], metrics: [
            MetricPoint(key: "loss", value: 0.9, step: 0), MetricPoint(key: "loss", value: 0.4, step: 3),
            MetricPoint(key: "loss", value: 0.7, step: 1), MetricPoint(key: "nan_metric", value: .nan, step: 2),
        ], tags: ["phase": "train"])
        try registry.setRunDeleted(run, true)

        let snapshot = try registry.runSnapshot(run)
        let details = try registry.runDetails(run)
        #expect(snapshot.id == run)
        #expect(snapshot.name == "child")
        #expect(snapshot.name == details.header.name)
        #expect(snapshot.status == details.header.status)
        #expect(snapshot.status == .running)
        #expect(try snapshot.experimentId == registry.experimentKeys(name: "snap").first?.id)
        #expect(snapshot.startTime == details.startTime)
        #expect(snapshot.endTime == nil)
        #expect(snapshot.heartbeat == details.heartbeat)
        #expect(snapshot.parent == parent)
        #expect(snapshot.parent == details.ancestors.first?.id)
        #expect(snapshot.deleted != nil)
        #expect(snapshot.deleted == (try registry.runDeletion(run)))
        #expect(snapshot.params == ["lr": "0.1", "model": "lstm"])
        #expect(snapshot.params == details.params)
        #expect(snapshot.tags == details.tags)
        #expect(snapshot.tags["team"] == "a" && snapshot.tags["phase"] == "train")
        // The latest point is the highest step, not the last logged; NaN stays NaN.
        #expect(snapshot.latestMetrics.map(\.key) == ["loss", "nan_metric"])
        #expect(snapshot.latestMetrics.first?.value == 0.4)
        #expect(snapshot.latestMetrics.first?.step == 3)
        #expect(snapshot.latestMetrics.last?.value.isNaN == true)
        #expect(snapshot.latestMetrics.map(\.step) == details.metrics.map(\.latestStep))

        try registry.setRunDeleted(run, false)
        #expect(try registry.runSnapshot(run).deleted == nil)
        try registry.setStatus(run: run, .finished)
        let finished = try registry.runSnapshot(run)
        #expect(finished.status == .finished)
        let finishedDetails = try registry.runDetails(run)
        #expect(finished.endTime != nil)
        #expect(finished.endTime == finishedDetails.endTime)
    }

    @Test func staleRunReadsAsKilledAndUnknownRunIsNotFound() throws {
        let clock = SteppingClock(start: 1_800_000_000)
        let registry = try Registry.inMemory(clock: clock, ids: SeededRunIDGenerator(seed: 12), staleAfter: 120)
        let run = try registry.createRun(RunSpec(experiment: "stale"))
        clock.advance(by: 500)
        #expect(try registry.runSnapshot(run).status == .killed)
        #expect(try registry.runSnapshot(run).status == registry.runDetails(run).header.status)
        let missing = try RunID(String(repeating: "a", count: 32))
        #expect(throws: TrackingError.self) { try registry.runSnapshot(missing) }
    }
}
