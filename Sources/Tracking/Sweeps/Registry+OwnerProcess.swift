import Foundation
import GRDB

/// The process that owns a RUNNING run: its pid and the name of the host it runs on, stored as
/// the run's tags `owner.pid` and `owner.host` (`tags`). A pipeline writes them on its parent
/// run, its training runs and its sweep trials (docs/formats/registry.md#owner-process).
public struct OwnerProcess: Sendable, Equatable {
    public var pid: Int32
    public var host: String

    public init(pid: Int32, host: String) {
        self.pid = pid
        self.host = host
    }

    /// This process on this host (`getpid()`, `gethostname()`).
    public static func current() -> OwnerProcess {
        OwnerProcess(pid: getpid(), host: hostName())
    }

    /// `owner.pid` and `owner.host`.
    public var tags: [String: String] { ["owner.pid": String(pid), "owner.host": host] }

    /// Whether a process with this pid exists on this host: `kill(pid, 0)` succeeds, or fails
    /// only for lack of permission (EPERM: it exists and belongs to another user).
    public static func exists(_ pid: Int32) -> Bool {
        guard pid > 0 else { return false }
        return kill(pid, 0) == 0 || errno == EPERM
    }

    static func hostName() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "unknown" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

extension Registry {
    /// Marks KILLED, at once, every RUNNING run whose owner process (`OwnerProcess` tags) ran on
    /// `host` and no longer exists (`isAlive` false), ending it at its last heartbeat; returns
    /// them. Without this a killed process's runs read KILLED only once their heartbeat is older
    /// than the stale window (120 s). Runs owned on other hosts, or without the tags, keep that
    /// heartbeat rule. A pid reused by a new process keeps its run RUNNING until the heartbeat
    /// rule applies: never a live run marked, at worst a dead one marked late.
    /// Portable SQL: a SELECT of candidates, then per run a conditional UPDATE.
    @discardableResult
    public func markRunsOfDeadOwnersKilled(
        host: String = OwnerProcess.current().host, isAlive: @escaping @Sendable (Int32) -> Bool = OwnerProcess.exists
    ) throws -> [RunID] {
        try write { db -> [RunID] in
            let candidates = try Row.fetchAll(db, sql: """
                SELECT r.id, p.value FROM runs r
                JOIN tags h ON h.run = r.seq AND h.key = 'owner.host'
                JOIN tags p ON p.run = r.seq AND p.key = 'owner.pid'
                WHERE r.status = 'RUNNING' AND h.value = ?
                ORDER BY r.id
                """, arguments: [host])
            var killed: [RunID] = []
            for candidate in candidates {
                let id: String = candidate[0]
                let pidText: String = candidate[1]
                guard let pid = Int32(pidText), !isAlive(pid) else { continue }
                try db.execute(sql: """
                    UPDATE runs SET status = 'KILLED',
                        end_time = CASE WHEN heartbeat < start_time THEN start_time ELSE heartbeat END
                    WHERE id = ? AND status = 'RUNNING'
                    """, arguments: [id])
                if db.changesCount == 1 { killed.append(RunID(trusted: id)) }
            }
            return killed
        }
    }

    /// `markRunsOfDeadOwnersKilled` on the registry at `location` when it exists and can be
    /// written (a read-only copy is left to the heartbeat rule); the runs marked.
    @discardableResult
    public static func markRunsOfDeadOwnersKilled(at location: RegistryLocation) throws -> [RunID] {
        let path = location.databasePath
        guard FileManager.default.fileExists(atPath: path), FileManager.default.isWritableFile(atPath: path) else { return [] }
        return try Registry.open(location, create: false).markRunsOfDeadOwnersKilled()
    }
}
