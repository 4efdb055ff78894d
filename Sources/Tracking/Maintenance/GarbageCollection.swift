import GRDB

/// What `runs gc` did.
public struct GarbageCollection: Codable, Sendable, Equatable {
    /// RUNNING runs whose heartbeat was stale, now KILLED (end time = last heartbeat).
    public var killedRuns: [RunID]
    /// Blob files no artifact row references, removed (relative paths).
    public var removedFiles: [String]
    /// Unreferenced files younger than the grace period, left for a writer that may still record them.
    public var keptRecentFiles: Int
    /// Keys of the stage cache entries (`cache/entries/`) no run of a live experiment refers to
    /// (tags `cache.<stage id>`), removed.
    public var removedCacheEntries: [String]
    /// Unreferenced cache entries younger than the grace period, kept for a pipeline that may
    /// still be running (it tags the entries it used when it finishes).
    public var keptRecentCacheEntries: Int
    /// Folders under `cache/tmp/` older than the grace period (left by killed runs), removed.
    public var removedCacheTemporaryFolders: [String]
}

extension Registry {
    /// Marks dead runs KILLED and removes unreferenced artifact files older than `fileGracePeriod`
    /// seconds (a writer stores the file before it records the row, so a fresh orphan may be in flight).
    /// In the stage cache beside the registry it removes, with the same grace period, entries no
    /// run of a live experiment refers to and leftover temporary folders (`collectCacheGarbage`).
    public func collectGarbage(fileGracePeriod: Double = 3600) throws -> GarbageCollection {
        let now = clock.now()
        let cutoff = staleCutoff(now: now)
        let killed = try write { db -> [RunID] in
            let ids = try String.fetchAll(db, sql: "SELECT id FROM runs WHERE status = 'RUNNING' AND heartbeat < ? ORDER BY id", arguments: [cutoff])
            try db.execute(sql: """
                UPDATE runs SET status = 'KILLED', end_time = max(heartbeat, start_time)
                WHERE status = 'RUNNING' AND heartbeat < ?
                """, arguments: [cutoff])
            return ids.map { RunID(trusted: $0) }
        }
        let referenced = Set(try read { db in try String.fetchAll(db, sql: "SELECT DISTINCT path FROM artifacts") })
        var removed: [String] = []
        var kept = 0
        for blob in try artifacts.allBlobs().sorted(by: { $0.path < $1.path }) where !referenced.contains(blob.path) {
            if blob.modified > now - fileGracePeriod {
                kept += 1
                continue
            }
            try artifacts.remove(path: blob.path)
            removed.append(blob.path)
        }
        let cache = try collectCacheGarbage(now: now, gracePeriod: fileGracePeriod)
        return GarbageCollection(killedRuns: killed, removedFiles: removed, keptRecentFiles: kept,
                                 removedCacheEntries: cache.removedEntries, keptRecentCacheEntries: cache.keptRecentEntries,
                                 removedCacheTemporaryFolders: cache.removedTemporaryFolders)
    }
}
