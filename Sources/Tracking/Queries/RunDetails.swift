import GRDB

/// A run as `runs show` prints it.
public struct RunDetails: Codable, Sendable, Equatable {
    public var header: RunHeader
    public var startTime: Double
    public var endTime: Double?
    public var heartbeat: Double
    public var seed: UInt64?
    public var source: RunSource?
    public var params: [String: String]
    public var tags: [String: String]
    /// Latest value and per-step history summary of every metric, by key.
    public var metrics: [MetricSummary]
    public var artifacts: [ArtifactReference]
    /// Parent chain, nearest first.
    public var ancestors: [RunHeader]
    public var children: [RunHeader]
    /// Model versions registered from this run ("name v3").
    public var modelVersions: [String]
    /// The children again, in start order, with times and their value of `childMetric`.
    public var childRuns: [ChildRun]
    /// The metric shown for every child: the first `val_*` key any child has, else `objective`, else nil.
    public var childMetric: String?
    /// The run's `stage.<id>` tags read as pipeline stage outcomes; nil when it has none.
    /// (The tags stay in `tags` as well.)
    public var stages: StageOutcomes?
}

/// Enough to name a run in a table.
public struct RunHeader: Codable, Sendable, Equatable {
    public var id: RunID
    public var name: String
    public var experiment: String
    public var status: RunStatus
}

/// A metric's latest value (highest step) and a summary of its history.
/// `min` and `max` skip NaN; `nanCount` counts the NaN points.
public struct MetricSummary: Codable, Sendable, Equatable {
    public var key: String
    public var latest: Double
    public var latestStep: Int64
    public var count: Int
    public var nanCount: Int
    public var min: Double?
    public var max: Double?
    public var firstStep: Int64
    public var lastStep: Int64
    public var direction: MetricDirection
}

extension Registry {
    public func runDetails(_ run: RunID) throws -> RunDetails {
        let cutoff = staleCutoff(now: clock.now())
        return try read { db in
            guard let record = try RunRecord.fetchOne(db, sql: "SELECT * FROM runs WHERE id = ?", arguments: [run.rawValue]) else { throw TrackingError.runNotFound(prefix: run.rawValue) }
            let header = try Self.header(run, cutoff: cutoff, db)
            var ancestors: [RunHeader] = []
            var parent = record.parentId
            while let next = parent, ancestors.count < 100 {
                let id = RunID(trusted: next)
                ancestors.append(try Self.header(id, cutoff: cutoff, db))
                parent = try String.fetchOne(db, sql: "SELECT parent_id FROM runs WHERE id = ?", arguments: [next])
            }
            let children = try String.fetchAll(db, sql: "SELECT id FROM runs WHERE parent_id = ? ORDER BY start_time, id", arguments: [run.rawValue])
                .map { try Self.header(RunID(trusted: $0), cutoff: cutoff, db) }
            let childMetric = try children.isEmpty ? nil : Self.childMetric(parent: run, db)
            let childRuns = try children.isEmpty ? [] : Self.childRuns(parent: run, metric: childMetric, cutoff: cutoff, db)
            let tags = try Self.keyValues(.tags, run: record.seq ?? -1, db)
            let versions = try Row.fetchAll(db, sql: """
                SELECT m.name, v.version FROM model_versions v JOIN registered_models m ON m.id = v.model_id
                WHERE v.run_id = ? ORDER BY m.name, v.version
                """, arguments: [run.rawValue]).map { row -> String in
                    let name: String = row[0]
                    let version: Int64 = row[1]
                    return "\(name) v\(version)"
                }
            return RunDetails(
                header: header, startTime: record.startTime, endTime: record.endTime, heartbeat: record.heartbeat,
                seed: record.seed.map { UInt64(bitPattern: $0) },
                source: record.sourceFile.map { RunSource(file: $0, specHash: record.sourceHash ?? "") },
                params: try Self.keyValues(.params, run: record.seq ?? -1, db),
                tags: tags,
                metrics: try Self.metricSummaries(record.seq ?? -1, db),
                artifacts: try ArtifactRecord.fetchAll(db, sql: "SELECT * FROM artifacts WHERE run_id = ? ORDER BY name", arguments: [run.rawValue]).map(Self.reference),
                ancestors: ancestors, children: children, modelVersions: versions,
                childRuns: childRuns, childMetric: childMetric, stages: StageOutcomes(tags: tags))
        }
    }

    static func header(_ run: RunID, cutoff: Double, _ db: Database) throws -> RunHeader {
        guard let row = try Row.fetchOne(db, sql: """
            SELECT r.name, e.name, CASE WHEN r.status = 'RUNNING' AND r.heartbeat < ? THEN 'KILLED' ELSE r.status END
            FROM runs r JOIN experiments e ON e.id = r.experiment_id WHERE r.id = ?
            """, arguments: [cutoff, run.rawValue]) else { throw TrackingError.runNotFound(prefix: run.rawValue) }
        return RunHeader(id: run, name: row[0], experiment: row[1], status: RunStatus(rawValue: row[2]) ?? .running)
    }

    static func metricSummaries(_ run: Int64, _ db: Database) throws -> [MetricSummary] {
        let directions = try Self.declaredDirections(db)
        return try Row.fetchAll(db, sql: """
            SELECT l.key, l.value, l.is_nan, l.step, s.n, s.nans, s.lo, s.hi, s.first_step, s.last_step
            FROM latest_metrics l JOIN (
                SELECT key, count(*) AS n, sum(is_nan) AS nans, min(value) AS lo, max(value) AS hi,
                       min(step) AS first_step, max(step) AS last_step
                FROM metrics WHERE run = ? GROUP BY key
            ) s ON s.key = l.key
            WHERE l.run = ? ORDER BY l.key
            """, arguments: [run, run]).map { row in
                let key: String = row[0]
                let isNaN: Bool = row[2]
                return MetricSummary(
                    key: key, latest: isNaN ? .nan : row[1], latestStep: row[3], count: row[4], nanCount: row[5],
                    min: row[6], max: row[7], firstStep: row[8], lastStep: row[9],
                    direction: directions[key] ?? MetricDirection.infer(key))
            }
    }

    static func declaredDirections(_ db: Database) throws -> [String: MetricDirection] {
        var result: [String: MetricDirection] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT key, direction FROM metric_directions") {
            let key: String = row[0]
            result[key] = MetricDirection(rawValue: row[1])
        }
        return result
    }

    /// Latest values of a run's metrics, NaN included.
    static func latestMetrics(_ run: RunID, _ db: Database) throws -> [String: Double] {
        var result: [String: Double] = [:]
        for record in try MetricRecord.fetchAll(db, sql: "SELECT * FROM latest_metrics WHERE run = ?", arguments: [runKey(run, db)]) {
            result[record.key] = record.number
        }
        return result
    }
}
