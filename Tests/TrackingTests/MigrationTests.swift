import Foundation
import GRDB
import TestSupport
import Testing
@testable import Tracking

/// Forward migration of a registry written before the trial queue existed.
@Suite struct MigrationTests {
    /// A registry file at the first schema only, with one run, as the program before
    /// `2026-12-04.v2-sweep-trials` left it.
    static func version1Registry(in folder: TemporaryFolder) throws -> RunID {
        try FileManager.default.createDirectory(at: folder.url.appendingPathComponent("experiments"), withIntermediateDirectories: true)
        let queue = try DatabaseQueue(path: folder.registryPath)
        var migrator = DatabaseMigrator()
        migrator.registerMigration(Migrations.identifiers[0]) { db in try db.execute(sql: Migrations.v1Initial) }
        try migrator.migrate(queue)
        let run = RunID(trusted: String(repeating: "ab", count: 16))
        try queue.write { db in
            try db.execute(sql: "INSERT INTO experiments(name, created) VALUES ('sweep', 1)")
            try db.execute(sql: """
                INSERT INTO runs(id, name, experiment_id, status, start_time, heartbeat) VALUES (?, 'sweep', 1, 'RUNNING', 1, 1)
                """, arguments: [run.rawValue])
        }
        try queue.close()
        return run
    }

    @Test func aVersion1RegistryGainsTheTrialQueueAndKeepsItsRuns() throws {
        let folder = try TemporaryFolder()
        let sweep = try Self.version1Registry(in: folder)
        let location = RegistryLocation(databasePath: folder.registryPath)
        // Even a reader migrates an older file first.
        let reader = try Registry.openForReading(location)
        #expect(try reader.trials(sweep: sweep).isEmpty)
        #expect(try reader.runDetails(sweep).header.name == "sweep")
        let registry = try Registry.open(location, create: false)
        #expect(try registry.enqueueTrial(sweep: sweep, number: 0, params: "{}"))
        let applied = try registry.read { db in try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY identifier") }
        #expect(applied == ["2026-11-29.v1-initial", "2026-12-04.v2-sweep-trials", "2026-12-05.v3-run-deletion"])
    }
}
