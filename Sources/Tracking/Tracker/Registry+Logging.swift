import Foundation
import GRDB

extension Registry {
    public func createRun(_ spec: RunSpec) throws -> RunID {
        let id = ids.next()
        let now = clock.now()
        try NameRules.validate(kind: "experiment name", spec.experiment)
        try write { db in
            let experimentId = try Self.experimentId(named: spec.experiment, createAt: now, db)
            if let parent = spec.parent { _ = try Self.runKey(parent, db) }
            try db.cachedStatement(sql: """
                INSERT INTO runs(id, name, experiment_id, status, start_time, heartbeat, seed, source_file, source_hash, parent_id)
                VALUES (?, ?, ?, 'RUNNING', ?, ?, ?, ?, ?, ?)
                """).execute(arguments: [
                    id.rawValue, spec.name ?? "run-\(id.short)", experimentId, now, now,
                    spec.seed.map { Int64(bitPattern: $0) }, spec.source?.file, spec.source?.specHash, spec.parent?.rawValue,
                ])
            try Self.writeTags(spec.tags, run: db.lastInsertedRowID, db)
        }
        return id
    }

    public func logBatch(run: RunID, params: [String: String], metrics: [MetricPoint], tags: [String: String]) throws {
        for key in params.keys { try NameRules.validate(kind: "param key", key) }
        for key in tags.keys { try NameRules.validate(kind: "tag key", key) }
        for point in metrics { try NameRules.validate(kind: "metric key", point.key) }
        let now = clock.now()
        let cached = runKeys.entry(run)
        // Logging counts as a heartbeat; refreshing it at most once a second spares a write per call.
        let refreshHeartbeat = cached.map { now - $0.heartbeat >= 1 } ?? true
        let key = try write { db -> Int64 in
            let key = try cached?.key ?? Self.runKey(run, db)
            try Self.writeParams(params, run: key, id: run, db)
            try Self.writeMetrics(metrics, run: key, now: now, db)
            try Self.writeTags(tags, run: key, db)
            if refreshHeartbeat {
                try db.cachedStatement(sql: "UPDATE runs SET heartbeat = max(heartbeat, ?) WHERE seq = ?").execute(arguments: [now, key])
            }
            return key
        }
        runKeys.record(run, RunKeyCache.Entry(key: key, heartbeat: refreshHeartbeat ? now : cached?.heartbeat ?? now))
    }

    public func setStatus(run: RunID, _ status: RunStatus) throws {
        let now = clock.now()
        try write { db in
            try db.cachedStatement(sql: """
                UPDATE runs SET status = ?, heartbeat = max(heartbeat, ?),
                    end_time = CASE WHEN ? THEN max(?, start_time) ELSE NULL END
                WHERE id = ?
                """).execute(arguments: [status.rawValue, now, status.isTerminal, now, run.rawValue])
            if db.changesCount == 0 { throw TrackingError.runNotFound(prefix: run.rawValue) }
        }
    }

    public func heartbeat(run: RunID) throws {
        let now = clock.now()
        try write { db in
            try db.cachedStatement(sql: "UPDATE runs SET heartbeat = max(heartbeat, ?) WHERE id = ?")
                .execute(arguments: [now, run.rawValue])
            if db.changesCount == 0 { throw TrackingError.runNotFound(prefix: run.rawValue) }
        }
    }

    /// Declares whether smaller (`min`) or larger (`max`) values of a metric are better.
    /// Without a declaration the direction is inferred from the key (see `MetricDirection`).
    public func setMetricDirection(_ key: String, _ direction: MetricDirection) throws {
        try write { db in
            try db.execute(
                sql: "INSERT INTO metric_directions(key, direction) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET direction = excluded.direction",
                arguments: [key, direction.rawValue])
        }
    }

    // MARK: - Statements shared by the write paths

    /// The run's integer key (`runs.seq`), or `runNotFound`.
    static func runKey(_ run: RunID, _ db: Database) throws -> Int64 {
        guard let key = try Int64.fetchOne(db.cachedStatement(sql: "SELECT seq FROM runs WHERE id = ?"), arguments: [run.rawValue]) else {
            throw TrackingError.runNotFound(prefix: run.rawValue)
        }
        return key
    }

    /// Key → value of a run's params or tags.
    static func keyValues(_ table: KeyValueTable, run: Int64, _ db: Database) throws -> [String: String] {
        var result: [String: String] = [:]
        for row in try Row.fetchAll(db.cachedStatement(sql: "SELECT key, value FROM \(table.rawValue) WHERE run = ?"), arguments: [run]) {
            result[row[0]] = row[1] as String
        }
        return result
    }

    static func experimentId(named name: String, createAt now: Double, _ db: Database) throws -> Int64 {
        let existing = try Row.fetchOne(db.cachedStatement(sql: "SELECT id, deleted IS NOT NULL FROM experiments WHERE name = ?"), arguments: [name])
        if let existing, let id: Int64 = existing[0] {
            let deleted: Bool = existing[1]
            // Logging into a soft-deleted experiment brings it back.
            if deleted { try db.execute(sql: "UPDATE experiments SET deleted = NULL WHERE id = ?", arguments: [id]) }
            return id
        }
        var record = ExperimentRecord(id: nil, name: name, created: now, deleted: nil)
        try record.insert(db)
        return record.id ?? db.lastInsertedRowID
    }

    static func writeParams(_ params: [String: String], run: Int64, id: RunID, _ db: Database) throws {
        guard !params.isEmpty else { return }
        let sorted = params.sorted { $0.key < $1.key }
        let inserted = try MultiRowInsert.params.execute(sorted.map { [run.databaseValue, $0.key.databaseValue, $0.value.databaseValue] }, db)
        guard inserted < sorted.count else { return }
        // Some keys were already logged: re-logging the same value is fine, a different one is not.
        let existing = try db.cachedStatement(sql: "SELECT value FROM params WHERE run = ? AND key = ?")
        for (key, value) in sorted {
            let current = try String.fetchOne(existing, arguments: [run, key]) ?? value
            if current != value {
                throw TrackingError.paramConflict(run: id.rawValue, key: key, existing: current, attempted: value)
            }
        }
    }

    static func writeTags(_ tags: [String: String], run: Int64, _ db: Database) throws {
        guard !tags.isEmpty else { return }
        try MultiRowInsert.tags.execute(tags.sorted { $0.key < $1.key }.map { [run.databaseValue, $0.key.databaseValue, $0.value.databaseValue] }, db)
    }

    /// Appends the points and moves each key's latest value: the point with the highest step,
    /// then the latest timestamp, then the one logged last.
    static func writeMetrics(_ points: [MetricPoint], run: Int64, now: Double, _ db: Database) throws {
        guard !points.isEmpty else { return }
        var latest: [String: (step: Int64, timestamp: Double, value: Double)] = [:]
        var rows: [[DatabaseValue]] = []
        rows.reserveCapacity(points.count)
        for point in points {
            let timestamp = point.timestamp ?? now
            rows.append(metricRow(run: run, key: point.key, step: point.step, timestamp: timestamp, value: point.value))
            if let current = latest[point.key], (current.step, current.timestamp) > (point.step, timestamp) { continue }
            latest[point.key] = (point.step, timestamp, point.value)
        }
        try MultiRowInsert.metrics.execute(rows, db)
        try MultiRowInsert.latestMetrics.execute(
            latest.sorted { $0.key < $1.key }.map { metricRow(run: run, key: $0.key, step: $0.value.step, timestamp: $0.value.timestamp, value: $0.value.value) },
            db)
    }

    /// (run, key, step, timestamp, value, is_nan) with NaN stored as NULL plus the flag.
    private static func metricRow(run: Int64, key: String, step: Int64, timestamp: Double, value: Double) -> [DatabaseValue] {
        let isNaN = value.isNaN
        return [run.databaseValue, key.databaseValue, step.databaseValue, timestamp.databaseValue,
                isNaN ? .null : value.databaseValue, isNaN.databaseValue]
    }
}

/// The two key → value tables of a run.
enum KeyValueTable: String { case params, tags }

/// Keys and names: non-empty, at most 250 characters, no control characters.
enum NameRules {
    static func validate(kind: String, _ value: String) throws {
        if value.isEmpty { throw TrackingError.invalidName(kind: kind, value: value, reason: "it is empty") }
        if value.count > 250 { throw TrackingError.invalidName(kind: kind, value: value, reason: "it is longer than 250 characters") }
        if value.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7f }) {
            throw TrackingError.invalidName(kind: kind, value: value, reason: "it contains a control character")
        }
    }
}
