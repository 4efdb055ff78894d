import GRDB

/// One line of `runs experiments`.
public struct ExperimentSummary: Codable, Sendable, Equatable {
    public var name: String
    /// When the experiment was created (seconds since 1970 UTC).
    public var created: Double
    public var runs: Int
    /// Runs RUNNING with a fresh heartbeat (a stale one reads as KILLED).
    public var running: Int
    /// The latest start, end or heartbeat of its runs; its creation when it has none.
    public var lastActivity: Double
}

extension Registry {
    /// The live (not deleted) experiments, most recently active first, then by name.
    public func experiments() throws -> [ExperimentSummary] {
        let cutoff = staleCutoff(now: clock.now())
        let rows = try read { db in
            try Row.fetchAll(db, sql: """
                SELECT e.name, e.created, COUNT(r.seq), MAX(r.start_time), MAX(r.end_time), MAX(r.heartbeat),
                       SUM(CASE WHEN r.status = 'RUNNING' AND r.heartbeat >= ? THEN 1 ELSE 0 END)
                FROM experiments e LEFT JOIN runs r ON r.experiment_id = e.id
                WHERE e.deleted IS NULL
                GROUP BY e.id, e.name, e.created
                """, arguments: [cutoff])
        }
        let experiments = rows.map { row -> ExperimentSummary in
            let created: Double = row[1]
            let times: [Double?] = [created, row[3], row[4], row[5]]
            let running: Int? = row[6]
            return ExperimentSummary(name: row[0], created: created, runs: row[2], running: running ?? 0,
                                     lastActivity: times.compactMap { $0 }.max() ?? created)
        }
        return experiments.sorted { ($1.lastActivity, $0.name) < ($0.lastActivity, $1.name) }
    }
}
