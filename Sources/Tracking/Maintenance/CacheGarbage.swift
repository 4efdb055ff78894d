import GRDB

/// What `runs gc` did to the stage cache beside the registry (`CacheFolder`).
struct CacheGarbage: Sendable, Equatable {
    /// Keys of the entries no live run refers to, removed.
    var removedEntries: [String] = []
    /// Unreferenced entries modified within the grace period, kept: a pipeline still running
    /// tags the entries it used only when it finishes.
    var keptRecentEntries = 0
    /// Folders under `tmp/` older than the grace period (left by killed runs), removed.
    var removedTemporaryFolders: [String] = []
}

extension Registry {
    /// The cache keys the runs of live (not deleted) experiments refer to: the values of their
    /// tags `cache.<stage id>`. Portable SQL (a join, `substr`, `DISTINCT`).
    func referencedCacheKeys() throws -> Set<String> {
        Set(try read { db in
            try String.fetchAll(db, sql: """
                SELECT DISTINCT t.value FROM tags t
                JOIN runs r ON r.seq = t.run
                JOIN experiments e ON e.id = r.experiment_id
                WHERE e.deleted IS NULL AND substr(t.key, 1, 6) = 'cache.'
                """)
        })
    }

    /// Removes cache entries no live run refers to and temporary folders, both only when
    /// modified before `now - gracePeriod`. Nothing when the registry has no cache folder.
    ///
    /// The folders are listed before the references are read, so an entry a pipeline stored and
    /// tagged meanwhile is either recent (kept) or already seen as referenced.
    func collectCacheGarbage(now: Double, gracePeriod: Double) throws -> CacheGarbage {
        guard let cacheFolder else { return CacheGarbage() }
        let entries = try cacheFolder.entries()
        let temporary = try cacheFolder.temporaryFolders()
        let referenced = entries.isEmpty ? [] : try referencedCacheKeys()
        let cutoff = now - gracePeriod
        var result = CacheGarbage()
        for entry in entries where !referenced.contains(entry.name) {
            if entry.modified > cutoff {
                result.keptRecentEntries += 1
                continue
            }
            try cacheFolder.remove(entry)
            result.removedEntries.append(entry.name)
        }
        for folder in temporary where folder.modified <= cutoff {
            try cacheFolder.remove(folder)
            result.removedTemporaryFolders.append(folder.name)
        }
        return result
    }
}
