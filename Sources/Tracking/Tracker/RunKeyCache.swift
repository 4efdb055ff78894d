import Foundation

/// What this process knows about runs it has logged to: the integer key of each run id and when
/// it last refreshed the run's heartbeat. Runs are never deleted, so a cached key stays valid;
/// entries are recorded only after their transaction committed. Saves a lookup and an UPDATE per log.
final class RunKeyCache: @unchecked Sendable {
    struct Entry {
        var key: Int64
        var heartbeat: Double
    }

    private let lock = NSLock()
    private var entries: [RunID: Entry] = [:]

    func entry(_ run: RunID) -> Entry? {
        lock.lock()
        defer { lock.unlock() }
        return entries[run]
    }

    func record(_ run: RunID, _ entry: Entry) {
        lock.lock()
        entries[run] = entry
        lock.unlock()
    }
}
