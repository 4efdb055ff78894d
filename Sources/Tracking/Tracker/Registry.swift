import Foundation
import GRDB

/// The experiment registry: a SQLite database (WAL) plus a content-addressed artifact folder.
/// It implements `Tracker` for writers and offers the queries behind the `runs` command.
///
/// Thread-safe and usable from several processes at once: writes wait for the SQLite write
/// lock (busy timeout) and are retried with backoff, so callers never see "database is locked".
public final class Registry: Tracker, Sendable {
    let database: any DatabaseWriter
    let artifacts: any ArtifactStorage
    /// The stage cache beside the database; nil for the in-memory registry.
    let cacheFolder: CacheFolder?
    let clock: any TrackingClock
    let ids: any RunIDGenerator
    /// A RUNNING run whose heartbeat is older than this many seconds reads as KILLED.
    public let staleAfter: Double
    let retry = BusyRetry()
    let runKeys = RunKeyCache()
    /// Where the registry lives (":memory:" for the in-memory one).
    public let path: String

    public static let defaultStaleAfter: Double = 120

    init(database: any DatabaseWriter, artifacts: any ArtifactStorage, cacheFolder: CacheFolder?, clock: any TrackingClock,
         ids: any RunIDGenerator, staleAfter: Double, path: String) {
        self.database = database
        self.artifacts = artifacts
        self.cacheFolder = cacheFolder
        self.clock = clock
        self.ids = ids
        self.staleAfter = staleAfter
        self.path = path
    }

    /// Opens the registry at `location`, creating it when `create` is true
    /// (otherwise a missing file is `TrackingError.registryMissing`).
    public static func open(
        _ location: RegistryLocation, create: Bool = true,
        clock: any TrackingClock = SystemTrackingClock(), ids: any RunIDGenerator = RandomRunIDGenerator(),
        staleAfter: Double = Registry.defaultStaleAfter
    ) throws -> Registry {
        let pool = try RegistryDatabase.openPool(path: location.databasePath, create: create)
        return Registry(database: pool, artifacts: FileArtifactStorage(root: location.artifactsPath),
                        cacheFolder: CacheFolder(root: URL(fileURLWithPath: location.cachePath, isDirectory: true)),
                        clock: clock, ids: ids, staleAfter: staleAfter, path: location.databasePath)
    }

    /// Opens an existing registry for reading only (what `runs list`, `show`, `diff` … use):
    /// no write lock, no checkpoint on close. Writes through it fail.
    public static func openForReading(
        _ location: RegistryLocation, clock: any TrackingClock = SystemTrackingClock(),
        staleAfter: Double = Registry.defaultStaleAfter
    ) throws -> Registry {
        let database = try RegistryDatabase.openReadOnly(path: location.databasePath)
        return Registry(database: database, artifacts: FileArtifactStorage(root: location.artifactsPath),
                        cacheFolder: CacheFolder(root: URL(fileURLWithPath: location.cachePath, isDirectory: true)),
                        clock: clock, ids: RandomRunIDGenerator(), staleAfter: staleAfter, path: location.databasePath)
    }

    /// A private registry in memory (SQLite ":memory:" and a dictionary of blobs): the same code
    /// and constraints as a file registry, for tests of this and other rooms.
    public static func inMemory(
        clock: any TrackingClock = SystemTrackingClock(), ids: any RunIDGenerator = RandomRunIDGenerator(),
        staleAfter: Double = Registry.defaultStaleAfter
    ) throws -> Registry {
        Registry(database: try RegistryDatabase.openInMemory(), artifacts: MemoryArtifactStorage(), cacheFolder: nil,
                 clock: clock, ids: ids, staleAfter: staleAfter, path: ":memory:")
    }

    /// One write transaction, retried as a whole when another process holds the lock.
    func write<T>(_ body: @escaping (Database) throws -> T) throws -> T {
        try retry.run { try database.write(body) }
    }

    func read<T>(_ body: @escaping (Database) throws -> T) throws -> T {
        try retry.run { try database.read(body) }
    }

    /// The heartbeat time before which a RUNNING run counts as dead.
    func staleCutoff(now: Double) -> Double { now - staleAfter }
}
