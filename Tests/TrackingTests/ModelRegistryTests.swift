import Foundation
import GRDB
import Testing
@testable import Tracking

@Suite struct ModelRegistryTests {
    let registry: Registry
    init() throws {
        registry = try Registry.inMemory(clock: SteppingClock(start: 1_800_000_000), ids: SeededRunIDGenerator(seed: 3))
    }

    func trainedRun(_ name: String, mae: Double) throws -> RunID {
        let run = try registry.createRun(RunSpec(experiment: "cpu", name: name))
        try registry.logMetric(run: run, key: "mae", value: mae)
        _ = try registry.logArtifact(run: run, name: "model.json", kind: "model", data: Data(name.utf8))
        return run
    }

    @Test func promotionMovesTheAliasAndReportsWhatItReplaced() throws {
        let first = try trainedRun("a", mae: 0.5)
        let second = try trainedRun("b", mae: 0.4)
        let p1 = try registry.promote(run: first, model: "cpu", artifact: nil, alias: "production", reason: "first")
        #expect(p1.version == 1 && p1.replacedVersion == nil)
        let p2 = try registry.promote(run: second, model: "cpu", artifact: nil, alias: "production", reason: "better mae")
        #expect(p2.version == 2 && p2.replacedVersion == 1)
        let model = try #require(registry.models().first)
        #expect(model.aliases == ["production": 2])
        #expect(model.versions.map(\.metrics) == [["mae": 0.5], ["mae": 0.4]])
        #expect(model.history.map { [$0.fromVersion ?? 0, $0.toVersion] } == [[0, 1], [1, 2]])
        #expect(model.history.map(\.reason) == ["first", "better mae"])
        #expect(try registry.resolveAlias(model: "cpu", alias: "production").run == second)
    }

    @Test func rollbackWalksBackThroughHistory() throws {
        let runs = try (0..<3).map { try trainedRun("r\($0)", mae: Double($0)) }
        for run in runs { _ = try registry.promote(run: run, model: "cpu", artifact: nil, alias: "production", reason: nil) }
        #expect(try registry.rollback(model: "cpu", alias: "production").toVersion == 2)
        #expect(try registry.rollback(model: "cpu", alias: "production").toVersion == 1)
        #expect(throws: TrackingError.nothingToRollBack(model: "cpu", alias: "production")) {
            try registry.rollback(model: "cpu", alias: "production")
        }
        let model = try #require(registry.models().first)
        #expect(model.aliases == ["production": 1])
        #expect(model.history.filter(\.isRollback).count == 2)
        #expect(throws: TrackingError.aliasNotFound(model: "cpu", alias: "staging", known: ["production"])) {
            try registry.rollback(model: "cpu", alias: "staging")
        }
    }

    @Test func versionsAreImmutableInSQL() throws {
        _ = try registry.promote(run: try trainedRun("a", mae: 1), model: "cpu", artifact: nil, alias: nil, reason: nil)
        #expect(throws: DatabaseError.self) { try registry.write { db in try db.execute(sql: "UPDATE model_versions SET version = 9") } }
        #expect(throws: DatabaseError.self) { try registry.write { db in try db.execute(sql: "DELETE FROM model_versions") } }
    }

    @Test func promotionNeedsExactlyOneModelArtifact() throws {
        let bare = try registry.createRun(RunSpec(experiment: "cpu"))
        #expect(throws: TrackingError.noModelArtifact(run: bare.rawValue, artifacts: [])) {
            try registry.promote(run: bare, model: "cpu", artifact: nil, alias: "production", reason: nil)
        }
        let run = try trainedRun("two", mae: 1)
        _ = try registry.logArtifact(run: run, name: "other.json", kind: "model", data: Data("o".utf8))
        #expect(throws: TrackingError.ambiguousModelArtifact(run: run.rawValue, candidates: ["model.json", "other.json"])) {
            try registry.promote(run: run, model: "cpu", artifact: nil, alias: "production", reason: nil)
        }
        // A failed promotion registered nothing.
        #expect(try registry.models().isEmpty)
        #expect(try registry.promote(run: run, model: "cpu", artifact: "other.json", alias: "staging", reason: nil).artifact.name == "other.json")
    }

    @Test func aliasesCanPointAtAnyExistingVersion() throws {
        for (index, mae) in [0.3, 0.2].enumerated() {
            _ = try registry.promote(run: try trainedRun("r\(index)", mae: mae), model: "cpu", artifact: nil, alias: "production", reason: nil)
        }
        let move = try registry.setAlias(model: "cpu", alias: "staging", version: 1, reason: "canary")
        #expect(move == AliasMove(model: "cpu", alias: "staging", fromVersion: nil, toVersion: 1, reason: "canary"))
        #expect(try registry.models().first?.aliases == ["production": 2, "staging": 1])
        #expect(throws: TrackingError.self) { try registry.setAlias(model: "cpu", alias: "staging", version: 9) }
        #expect(throws: TrackingError.modelNotFound(name: "cpx", known: ["cpu"])) { try registry.setAlias(model: "cpx", alias: "staging", version: 1) }
    }
}
