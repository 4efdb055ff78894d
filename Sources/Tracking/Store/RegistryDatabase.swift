import Foundation
import GRDB

/// Opens registry databases: WAL journal, `synchronous = NORMAL`, foreign keys on, a busy timeout,
/// and the schema migrated forward (or a clear error when a newer program wrote it).
///
/// Durability: in WAL mode with `synchronous = NORMAL` a transaction is in the WAL file (the OS
/// page cache) once its commit returns, so it survives the crash of the writing process; only a
/// power loss or kernel crash can lose the last transactions (never corrupt the database).
enum RegistryDatabase {
    /// Seconds a writer waits for another process's write lock before SQLite reports BUSY.
    static let busyTimeout: TimeInterval = 30

    static func configuration(readonly: Bool = false) -> Configuration {
        var config = Configuration()
        config.label = "registry"
        config.readonly = readonly
        config.busyMode = .timeout(busyTimeout)
        config.foreignKeysEnabled = true
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        return config
    }

    /// Opens (and, if `create`, creates) the registry file at `path`, migrated to the current schema.
    static func openPool(path: String, create: Bool) throws -> DatabasePool {
        let exists = FileManager.default.fileExists(atPath: path)
        if !exists && !create { throw TrackingError.registryMissing(path: path) }
        if !exists {
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        }
        return try BusyRetry().run {
            let pool = try DatabasePool(path: path, configuration: configuration())
            try migrate(pool, path: path)
            return pool
        }
    }

    /// A private in-memory database with the current schema (for tests and the in-memory tracker).
    static func openInMemory() throws -> DatabaseQueue {
        let queue = try DatabaseQueue(configuration: configuration())
        try migrate(queue, path: ":memory:")
        return queue
    }

    /// Refuses a schema with migrations this program does not know; otherwise applies the missing ones.
    /// Several processes may open a fresh file at once: a migration that loses the race rolls back,
    /// and the schema written by the winner is accepted.
    static func migrate(_ writer: any DatabaseWriter, path: String) throws {
        let migrator = Migrations.migrator
        let known = Set(Migrations.identifiers)
        let applied: Set<String> = try writer.read { db in
            guard try db.tableExists("grdb_migrations") else { return [] }
            return try migrator.appliedIdentifiers(db)
        }
        let unknown = applied.subtracting(known)
        if !unknown.isEmpty {
            throw TrackingError.newerSchema(path: path, unknownMigrations: unknown.sorted())
        }
        if applied == known { return }
        do {
            try migrator.migrate(writer)
        } catch {
            let completed = try writer.read { db in try migrator.hasCompletedMigrations(db) }
            if !completed { throw error }
        }
    }
}
