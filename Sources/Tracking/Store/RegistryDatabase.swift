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
        if !readonly {
            config.prepareDatabase { db in
                // 1 KB pages: a commit writes a handful of small WAL frames instead of 4 KB ones
                // (takes effect when the file is created; an existing registry keeps its page size).
                try db.execute(sql: "PRAGMA page_size = 1024")
                // Durable against a crash of the process once a commit returns (see the type's doc).
                try db.execute(sql: "PRAGMA synchronous = NORMAL")
                // Checkpoint the WAL into the database every 10,000 pages (~10 MB) instead of 1,000:
                // a checkpoint costs two fsyncs, and fewer, larger checkpoints write each hot page once.
                try db.execute(sql: "PRAGMA wal_autocheckpoint = 10000")
                // Truncate the WAL after a checkpoint: new commits then append to fresh pages instead of
                // overwriting pages the kernel may still be writing back (which makes a write wait).
                try db.execute(sql: "PRAGMA journal_size_limit = 0")
            }
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

    /// Opens an existing registry with one read-only connection: nothing is created, locked for
    /// writing or checkpointed, which keeps a cold `runs list` cheap. A registry whose schema is
    /// older than this program's is opened read-write instead so it can be migrated.
    static func openReadOnly(path: String) throws -> any DatabaseWriter {
        guard FileManager.default.fileExists(atPath: path) else { throw TrackingError.registryMissing(path: path) }
        let queue = try BusyRetry().run { try DatabaseQueue(path: path, configuration: configuration(readonly: true)) }
        let applied: Set<String> = try BusyRetry().run {
            try queue.read { db in
                guard try db.tableExists("grdb_migrations") else { return [] }
                return try Set(String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations"))
            }
        }
        let unknown = applied.subtracting(Migrations.identifiers)
        if !unknown.isEmpty { throw TrackingError.newerSchema(path: path, unknownMigrations: unknown.sorted()) }
        if applied != Set(Migrations.identifiers) { return try openPool(path: path, create: false) }
        return queue
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
