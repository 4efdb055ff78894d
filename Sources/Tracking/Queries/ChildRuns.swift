import GRDB

/// A child run as `runs show` lists it under its parent (a sweep's trials, a pipeline's models).
public struct ChildRun: Codable, Sendable, Equatable {
    public var id: RunID
    public var name: String
    /// The effective status (a stale RUNNING run reads KILLED).
    public var status: RunStatus
    public var startTime: Double
    public var endTime: Double?
    /// The child's latest value of `RunDetails.childMetric`; nil when it has none (NaN stays NaN).
    public var metric: Double?
}

extension Registry {
    /// The metric that compares the children of `parent`: the first `val_*` key (in key order) any
    /// child has, else `objective` (what sweep trials log) when one has it, else nil.
    static func childMetric(parent: RunID, _ db: Database) throws -> String? {
        let keys = try String.fetchAll(db, sql: """
            SELECT DISTINCT l.key FROM latest_metrics l JOIN runs r ON r.seq = l.run
            WHERE r.parent_id = ? AND (l.key LIKE 'val!_%' ESCAPE '!' OR l.key = 'objective')
            ORDER BY l.key
            """, arguments: [parent.rawValue])
        return keys.first { $0.hasPrefix("val_") } ?? keys.first
    }

    /// The children of `parent` in start order, with their value of `metric`.
    static func childRuns(parent: RunID, metric: String?, cutoff: Double, _ db: Database) throws -> [ChildRun] {
        try Row.fetchAll(db, sql: """
            SELECT r.id, r.name, CASE WHEN r.status = 'RUNNING' AND r.heartbeat < ? THEN 'KILLED' ELSE r.status END,
                   r.start_time, r.end_time, l.value, l.is_nan
            FROM runs r LEFT JOIN latest_metrics l ON l.run = r.seq AND l.key = ?
            WHERE r.parent_id = ? ORDER BY r.start_time, r.id
            """, arguments: [cutoff, metric, parent.rawValue]).map { row in
                let status: String = row[2]
                let isNaN: Bool? = row[6]
                let value: Double? = row[5]
                return ChildRun(id: RunID(trusted: row[0]), name: row[1], status: RunStatus(rawValue: status) ?? .running,
                                startTime: row[3], endTime: row[4], metric: isNaN == true ? .nan : value)
            }
    }
}
