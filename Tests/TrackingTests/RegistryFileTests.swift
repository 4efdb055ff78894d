import Foundation
import GRDB
import TestSupport
import Testing
@testable import Tracking

@Suite struct RegistryFileTests {
    @Test func registryFileUsesWALAndReopensWithItsData() throws {
        let folder = try TemporaryFolder()
        let location = RegistryLocation(databasePath: folder.registryPath)
        let run: RunID
        do {
            let registry = try Registry.open(location)
            run = try registry.createRun(RunSpec(experiment: "cpu"))
            try registry.logMetric(run: run, key: "mae", value: 0.5)
            let mode = try registry.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
            #expect(mode == "wal")
        }
        let reopened = try Registry.open(location, create: false)
        #expect(try reopened.runDetails(run).metrics.map(\.latest) == [0.5])
    }

    @Test func missingRegistryIsAnErrorForReaders() throws {
        let folder = try TemporaryFolder()
        #expect(throws: TrackingError.registryMissing(path: folder.registryPath)) {
            try Registry.open(RegistryLocation(databasePath: folder.registryPath), create: false)
        }
    }

    @Test func newerSchemaIsRefusedWithoutDamage() throws {
        let folder = try TemporaryFolder()
        let location = RegistryLocation(databasePath: folder.registryPath)
        do {
            let registry = try Registry.open(location)
            try registry.write { db in try db.execute(sql: "INSERT INTO grdb_migrations(identifier) VALUES ('2099-01-01.v9-future')") }
        }
        #expect(throws: TrackingError.newerSchema(path: location.databasePath, unknownMigrations: ["2099-01-01.v9-future"])) {
            try Registry.open(location)
        }
    }

    @Test func locationPrefersFlagThenEnvironmentThenDefault() {
        let env = [RegistryLocation.environmentVariable: "/data/reg.sqlite"]
        #expect(RegistryLocation.resolve(explicit: "x/r.sqlite", environment: env, currentDirectory: "/w").databasePath == "/w/x/r.sqlite")
        #expect(RegistryLocation.resolve(explicit: nil, environment: env, currentDirectory: "/w").databasePath == "/data/reg.sqlite")
        let fallback = RegistryLocation.resolve(explicit: nil, environment: [:], currentDirectory: "/w")
        #expect(fallback.databasePath == "/w/experiments/registry.sqlite")
        #expect(fallback.artifactsPath == "/w/experiments/artifacts")
    }

    @Test func artifactsAreContentAddressedAndVerifiedOnRead() throws {
        let folder = try TemporaryFolder()
        let location = RegistryLocation(databasePath: folder.registryPath)
        let registry = try Registry.open(location)
        let run = try registry.createRun(RunSpec(experiment: "cpu"))
        let reference = try registry.logArtifact(run: run, name: "model.json", kind: "model", data: Data("abc".utf8))
        #expect(reference.sha256 == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(reference.path == "sha256/ba/\(reference.sha256)")
        #expect(reference.size == 3)
        #expect(try registry.readArtifact(run: run, name: "model.json") == Data("abc".utf8))
        // Same bytes under the same name: accepted, same reference. Different bytes: refused.
        #expect(try registry.logArtifact(run: run, name: "model.json", kind: "model", data: Data("abc".utf8)) == reference)
        #expect(throws: TrackingError.self) { try registry.logArtifact(run: run, name: "model.json", kind: "model", data: Data("abd".utf8)) }
        // Corrupt the file on disk: the read refuses it.
        let file = URL(fileURLWithPath: location.artifactsPath).appendingPathComponent(reference.path)
        try Data("abd".utf8).write(to: file)
        #expect(throws: TrackingError.artifactCorrupted(path: file.standardizedFileURL.path, expectedSHA256: reference.sha256,
                                                        actualSHA256: ContentHash.sha256Hex(Data("abd".utf8)))) {
            try registry.readArtifact(reference)
        }
        // No temp files are left behind by successful writes.
        let temporary = URL(fileURLWithPath: location.artifactsPath).appendingPathComponent("tmp")
        #expect(try FileManager.default.contentsOfDirectory(atPath: temporary.path).isEmpty)
    }

    @Test(arguments: ["../escape", "/etc/passwd", "a/../../b", "a//b", "./x", "", "a\\b", "ok/\u{0}x", "~/x"])
    func artifactNamesCannotEscapeTheFolder(name: String) throws {
        let registry = try Registry.inMemory()
        let run = try registry.createRun(RunSpec(experiment: "cpu"))
        #expect(throws: TrackingError.self) { try registry.logArtifact(run: run, name: name, kind: "model", data: Data("x".utf8)) }
    }

    @Test func garbageCollectionRemovesOnlyUnreferencedOldFiles() throws {
        let folder = try TemporaryFolder()
        let location = RegistryLocation(databasePath: folder.registryPath)
        let clock = SteppingClock(start: Date().timeIntervalSince1970, tick: 0)
        let registry = try Registry.open(location, clock: clock, staleAfter: 60)
        let run = try registry.createRun(RunSpec(experiment: "cpu"))
        let kept = try registry.logArtifact(run: run, name: "model.json", kind: "model", data: Data("keep".utf8))
        let storage = FileArtifactStorage(root: location.artifactsPath)
        let orphan = try storage.store(Data("orphan".utf8))
        #expect(try registry.collectGarbage(fileGracePeriod: 3600).removedFiles.isEmpty)
        clock.advance(by: 7200)
        let gc = try registry.collectGarbage(fileGracePeriod: 3600)
        #expect(gc.removedFiles == [orphan.path])
        #expect(gc.killedRuns == [run])
        #expect(try registry.readArtifact(kept) == Data("keep".utf8))
        #expect(try registry.runDetails(run).header.status == .killed)
    }
}

@Suite struct ReadOnlyOpeningTests {
    @Test func readersSeeDataButCannotWriteAndRefuseNewerSchemas() throws {
        let folder = try TemporaryFolder()
        let location = RegistryLocation(databasePath: folder.registryPath)
        let writer = try Registry.open(location)
        let run = try writer.createRun(RunSpec(experiment: "cpu"))
        try writer.logMetric(run: run, key: "mae", value: 0.25)
        let reader = try Registry.openForReading(location)
        #expect(try reader.runDetails(run).metrics.map(\.latest) == [0.25])
        #expect(throws: (any Error).self) { try reader.logMetric(run: run, key: "mae", value: 1) }
        try writer.write { db in try db.execute(sql: "INSERT INTO grdb_migrations(identifier) VALUES ('2099-01-01.v9-future')") }
        #expect(throws: TrackingError.newerSchema(path: location.databasePath, unknownMigrations: ["2099-01-01.v9-future"])) {
            try Registry.openForReading(location)
        }
    }
}

@Suite struct ArtifactCrashTests {
    /// A write interrupted before its rename leaves only a temp file: never an artifact, and gc removes it.
    @Test func leftoverTempFilesAreNeverArtifactsAndGcRemovesThem() throws {
        let folder = try TemporaryFolder()
        let location = RegistryLocation(databasePath: folder.registryPath)
        let clock = SteppingClock(start: Date().timeIntervalSince1970, tick: 0)
        let registry = try Registry.open(location, clock: clock)
        let run = try registry.createRun(RunSpec(experiment: "cpu"))
        let empty = try registry.logArtifact(run: run, name: "empty.bin", kind: "data", data: Data())
        #expect(empty.sha256 == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" && empty.size == 0)
        let temporary = URL(fileURLWithPath: location.artifactsPath).appendingPathComponent("tmp/deadbeef.123.1")
        try Data("half a mod".utf8).write(to: temporary)
        #expect(try registry.artifacts(of: run).map(\.name) == ["empty.bin"])
        clock.advance(by: 7200)
        #expect(try registry.collectGarbage().removedFiles == ["tmp/deadbeef.123.1"])
        #expect(!FileManager.default.fileExists(atPath: temporary.path))
        #expect(try registry.readArtifact(empty) == Data())
    }
}
