import Foundation
import Testing
import Tracking
import TestSupport

/// Looking one experiment up (`experimentInfo(id:name:)`, `experimentKeys`) reads only that
/// experiment, on a real registry file, and answers what the full listing answers.
@Suite struct ExperimentLookupTests {
    let folder: TemporaryFolder
    let registry: Registry

    init() throws {
        folder = try TemporaryFolder(prefix: "experiment-lookup")
        registry = try Registry.open(RegistryLocation(databasePath: folder.registryPath), clock: SteppingClock(start: 1_000))
    }

    @Test func oneExperimentsInfoCountsOnlyItsOwnRuns() throws {
        let early = try registry.createExperiment("early")
        let late = try registry.createExperiment("late")
        _ = try registry.createRun(RunSpec(experiment: "early"))
        let lateRun = try registry.createRun(RunSpec(experiment: "late"))
        try registry.setStatus(run: lateRun, .finished)
        let all = try registry.experimentInfos(includeDeleted: true)
        #expect(try registry.experimentInfo(id: early.id) == all.first { $0.id == early.id })
        #expect(try registry.experimentInfo(name: "late") == all.first { $0.name == "late" })
        #expect(try registry.experimentInfo(id: late.id, name: "late")?.lastActivity == all.first { $0.name == "late" }?.lastActivity)
        // Activity is the experiment's own: "early"'s run started before "late"'s ended.
        let earlyInfo = try #require(try registry.experimentInfo(name: "early"))
        let lateInfo = try #require(try registry.experimentInfo(name: "late"))
        #expect(earlyInfo.lastActivity < lateInfo.lastActivity)
        #expect(try registry.experimentInfo(id: early.id, name: "late") == nil)
        #expect(try registry.experimentInfo(name: "missing") == nil)
    }

    @Test func keysNameExperimentsLiveAndDeletedWithoutTheirRuns() throws {
        let first = try registry.createExperiment("first")
        let second = try registry.createExperiment("second")
        _ = try registry.createRun(RunSpec(experiment: "second"))
        try registry.setExperimentDeleted(id: second.id, true)
        let deleted = try #require(registry.experimentInfo(id: second.id)?.deleted)
        #expect(try registry.experimentKeys() == [
            ExperimentKey(id: first.id, name: "first", deleted: nil), ExperimentKey(id: second.id, name: "second", deleted: deleted),
        ])
        #expect(try registry.experimentKeys(id: second.id) == [ExperimentKey(id: second.id, name: "second", deleted: deleted)])
        #expect(try registry.experimentKeys(name: "first") == [ExperimentKey(id: first.id, name: "first", deleted: nil)])
        #expect(try registry.experimentKeys(id: first.id, name: "second").isEmpty)
        #expect(try registry.experimentKeys(name: "missing").isEmpty)
    }
}
