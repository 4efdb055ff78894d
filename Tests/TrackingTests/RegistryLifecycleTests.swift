import Foundation
import Testing
import Tracking
import TestSupport

/// The lifecycle operations MLflow's API needs (`TrackerLifecycle`), on a real registry file.
@Suite struct RegistryLifecycleTests {
    let folder: TemporaryFolder
    let registry: Registry

    init() throws {
        folder = try TemporaryFolder(prefix: "lifecycle")
        registry = try Registry.open(RegistryLocation(databasePath: folder.registryPath))
    }

    @Test func experimentsAreCreatedRenamedDeletedAndRestored() throws {
        let info = try registry.createExperiment("first")
        #expect(throws: TrackingError.self) { try registry.createExperiment("first") }
        try registry.renameExperiment(id: info.id, to: "renamed")
        #expect(try registry.experimentInfo(id: info.id)?.name == "renamed")
        _ = try registry.createExperiment("other")
        #expect(throws: TrackingError.self) { try registry.renameExperiment(id: info.id, to: "other") }
        try registry.setExperimentDeleted(id: info.id, true)
        #expect(try registry.experimentInfos().map(\.name) == ["other"])
        #expect(try registry.experimentInfos(includeDeleted: true).map(\.name) == ["renamed", "other"])
        try registry.setExperimentDeleted(id: info.id, false)
        #expect(try registry.experiments().map(\.name).sorted() == ["other", "renamed"])
        #expect(throws: TrackingError.self) { try registry.setExperimentDeleted(id: 999, true) }
    }

    @Test func runsAreSoftDeletedRenamedAndLoseTags() throws {
        let kept = try registry.createRun(RunSpec(experiment: "e", name: "kept", tags: ["a": "1", "b": "2"]))
        let gone = try registry.createRun(RunSpec(experiment: "e", name: "gone"))
        try registry.setRunDeleted(gone, true)
        #expect(try registry.searchRuns(RunSearch(experiment: "e")).runs.map(\.name) == ["kept"])
        #expect(try registry.searchRuns(RunSearch(experiment: "e", deletion: .deleted)).runs.map(\.name) == ["gone"])
        #expect(try registry.searchRuns(RunSearch(experiment: "e", deletion: .all)).runs.count == 2)
        #expect(try registry.runDeletion(gone) != nil)
        try registry.setRunDeleted(gone, false)
        #expect(try registry.runDeletion(gone) == nil)

        try registry.renameRun(kept, to: "better")
        try registry.deleteTag(run: kept, key: "a")
        #expect(throws: TrackingError.self) { try registry.deleteTag(run: kept, key: "a") }
        let details = try registry.runDetails(kept)
        #expect(details.header.name == "better")
        #expect(details.tags == ["b": "2"])

        try registry.setStatus(run: kept, .finished, endTime: details.startTime + 5)
        #expect(try registry.runDetails(kept).endTime == details.startTime + 5)
        #expect(throws: TrackingError.self) { try registry.setRunDeleted(RunID(String(repeating: "f", count: 32)), true) }
    }

    @Test func modelsAreCreatedRenamedAndLoseAliases() throws {
        try registry.createModel("empty")
        #expect(throws: TrackingError.self) { try registry.createModel("empty") }
        let run = try registry.createRun(RunSpec(experiment: "e"))
        _ = try registry.logArtifact(run: run, name: "model.json", kind: "model", data: Data("m".utf8))
        _ = try registry.promote(run: run, model: "cpu", artifact: nil, alias: "production", reason: nil)
        try registry.renameModel("cpu", to: "cpu-v2")
        #expect(throws: TrackingError.self) { try registry.renameModel("cpu-v2", to: "empty") }
        try registry.deleteAlias(model: "cpu-v2", alias: "production")
        #expect(throws: TrackingError.self) { try registry.deleteAlias(model: "cpu-v2", alias: "production") }
        let model = try #require(registry.models(named: "cpu-v2").first)
        #expect(model.aliases.isEmpty)
        #expect(model.history.count == 1)
        #expect(try registry.models().map(\.name) == ["cpu-v2", "empty"])
    }
}
