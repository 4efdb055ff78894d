import GRDB

/// A run as a tracking API answers it right after a write (MLflow's `runs/create`,
/// `runs/update`, `runs/get`): its attributes, experiment id, deletion, params, tags and each
/// metric's latest point — read in one transaction of five cached statements, without the
/// history summaries, lineage and artifacts of `RunDetails`.
public struct RunSnapshot: Sendable, Equatable {
    public var id: RunID
    public var name: String
    public var experimentId: Int64
    /// As `RunHeader.status`: a RUNNING run whose heartbeat is older than `staleAfter` reads as KILLED.
    public var status: RunStatus
    public var startTime: Double
    public var endTime: Double?
    public var heartbeat: Double
    public var parent: RunID?
    /// The soft-delete time; nil for a live run.
    public var deleted: Double?
    public var params: [String: String]
    public var tags: [String: String]
    /// Each key's latest point (highest step, then latest time), sorted by key; NaN when NaN was logged.
    public var latestMetrics: [LatestMetric]

    public struct LatestMetric: Sendable, Equatable {
        public var key: String
        public var value: Double
        public var step: Int64
    }
}

extension Registry {
    /// The run `run` as `RunSnapshot`, or `TrackingError.runNotFound`.
    public func runSnapshot(_ run: RunID) throws -> RunSnapshot {
        let cutoff = staleCutoff(now: clock.now())
        return try read { db in
            guard let row = try Row.fetchOne(db.cachedStatement(sql: """
                SELECT seq, name, experiment_id, CASE WHEN status = 'RUNNING' AND heartbeat < ? THEN 'KILLED' ELSE status END,
                       start_time, end_time, heartbeat, parent_id, deleted
                FROM runs WHERE id = ?
                """), arguments: [cutoff, run.rawValue]) else { throw TrackingError.runNotFound(prefix: run.rawValue) }
            let key: Int64 = row[0]
            let statusText: String = row[3]
            let parent: String? = row[7]
            let latest = try Row.fetchAll(db.cachedStatement(sql: "SELECT key, value, is_nan, step FROM latest_metrics WHERE run = ? ORDER BY key"),
                                          arguments: [key]).map { metric -> RunSnapshot.LatestMetric in
                let isNaN: Bool = metric[2]
                return RunSnapshot.LatestMetric(key: metric[0], value: isNaN ? .nan : metric[1], step: metric[3])
            }
            return RunSnapshot(
                id: run, name: row[1], experimentId: row[2], status: RunStatus(rawValue: statusText) ?? .running,
                startTime: row[4], endTime: row[5], heartbeat: row[6], parent: parent.map(RunID.init(trusted:)), deleted: row[8],
                params: try Self.keyValues(.params, run: key, db), tags: try Self.keyValues(.tags, run: key, db), latestMetrics: latest)
        }
    }
}
