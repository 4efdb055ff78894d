import Foundation
import GRDB

extension Registry {
    public func createRun(_ spec: RunSpec) throws -> RunID {
        let id = ids.next()
        let now = clock.now()
        try NameRules.validate(kind: "experiment name", spec.experiment)
        try write { db in
            let experimentId = try Self.experimentId(named: spec.experiment, createAt: now, db)
            if let parent = spec.parent, try !Self.runExists(parent, db) {
                throw TrackingError.runNotFound(prefix: parent.rawValue)
            }
            try RunRecord(
                id: id.rawValue, name: spec.name ?? "run-\(id.short)", experimentId: experimentId,
                status: RunStatus.running.rawValue, startTime: now, endTime: nil, heartbeat: now,
                seed: spec.seed.map { Int64(bitPattern: $0) }, sourceFile: spec.source?.file,
                sourceHash: spec.source?.specHash, parentId: spec.parent?.rawValue
            ).insert(db)
            try Self.writeTags(spec.tags, run: id, db)
        }
        return id
    }

    public func logBatch(run: RunID, params: [String: String], metrics: [MetricPoint], tags: [String: String]) throws {
        for key in params.keys { try NameRules.validate(kind: "param key", key) }
        for key in tags.keys { try NameRules.validate(kind: "tag key", key) }
        for point in metrics { try NameRules.validate(kind: "metric key", point.key) }
        let now = clock.now()
        try write { db in
            guard try Self.runExists(run, db) else { throw TrackingError.runNotFound(prefix: run.rawValue) }
            try Self.writeParams(params, run: run, db)
            try Self.writeMetrics(metrics, run: run, now: now, db)
            try Self.writeTags(tags, run: run, db)
            try db.cachedStatement(sql: "UPDATE runs SET heartbeat = max(heartbeat, ?) WHERE id = ?")
                .execute(arguments: [now, run.rawValue])
        }
    }

    public func setStatus(run: RunID, _ status: RunStatus) throws {
        let now = clock.now()
        try write { db in
            try db.execute(
                sql: """
                UPDATE runs SET status = ?, heartbeat = max(heartbeat, ?),
                    end_time = CASE WHEN ? THEN max(?, start_time) ELSE NULL END
                WHERE id = ?
                """,
                arguments: [status.rawValue, now, status.isTerminal, now, run.rawValue])
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

    static func runExists(_ run: RunID, _ db: Database) throws -> Bool {
        try Bool.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM runs WHERE id = ?"), arguments: [run.rawValue]) ?? false
    }

    static func experimentId(named name: String, createAt now: Double, _ db: Database) throws -> Int64 {
        if let id = try Int64.fetchOne(db, sql: "SELECT id FROM experiments WHERE name = ?", arguments: [name]) {
            try db.execute(sql: "UPDATE experiments SET deleted = NULL WHERE id = ? AND deleted IS NOT NULL", arguments: [id])
            return id
        }
        var record = ExperimentRecord(id: nil, name: name, created: now, deleted: nil)
        try record.insert(db)
        return record.id ?? db.lastInsertedRowID
    }

    static func writeParams(_ params: [String: String], run: RunID, _ db: Database) throws {
        guard !params.isEmpty else { return }
        let insert = try db.cachedStatement(sql: "INSERT INTO params(run_id, key, value) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")
        let existing = try db.cachedStatement(sql: "SELECT value FROM params WHERE run_id = ? AND key = ?")
        for (key, value) in params.sorted(by: { $0.key < $1.key }) {
            try insert.execute(arguments: [run.rawValue, key, value])
            if db.changesCount == 0 {
                let current = try String.fetchOne(existing, arguments: [run.rawValue, key]) ?? ""
                if current != value {
                    throw TrackingError.paramConflict(run: run.rawValue, key: key, existing: current, attempted: value)
                }
            }
        }
    }

    static func writeTags(_ tags: [String: String], run: RunID, _ db: Database) throws {
        guard !tags.isEmpty else { return }
        let upsert = try db.cachedStatement(sql: """
            INSERT INTO tags(run_id, key, value) VALUES (?, ?, ?)
            ON CONFLICT(run_id, key) DO UPDATE SET value = excluded.value
            """)
        for (key, value) in tags.sorted(by: { $0.key < $1.key }) {
            try upsert.execute(arguments: [run.rawValue, key, value])
        }
    }

    /// Appends the points and moves each key's latest value: the point with the highest step,
    /// then the latest timestamp, then the one logged last.
    static func writeMetrics(_ points: [MetricPoint], run: RunID, now: Double, _ db: Database) throws {
        guard !points.isEmpty else { return }
        let insert = try db.cachedStatement(sql: "INSERT INTO metrics(run_id, key, step, timestamp, value, is_nan) VALUES (?, ?, ?, ?, ?, ?)")
        var latest: [String: (step: Int64, timestamp: Double, value: Double)] = [:]
        for point in points {
            let timestamp = point.timestamp ?? now
            let isNaN = point.value.isNaN
            try insert.execute(arguments: [run.rawValue, point.key, point.step, timestamp, isNaN ? nil : point.value, isNaN])
            if let current = latest[point.key], (current.step, current.timestamp) > (point.step, timestamp) { continue }
            latest[point.key] = (point.step, timestamp, point.value)
        }
        let upsert = try db.cachedStatement(sql: """
            INSERT INTO latest_metrics(run_id, key, step, timestamp, value, is_nan) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT(run_id, key) DO UPDATE SET
                step = excluded.step, timestamp = excluded.timestamp, value = excluded.value, is_nan = excluded.is_nan
            WHERE excluded.step > latest_metrics.step
               OR (excluded.step = latest_metrics.step AND excluded.timestamp >= latest_metrics.timestamp)
            """)
        for (key, point) in latest {
            let isNaN = point.value.isNaN
            try upsert.execute(arguments: [run.rawValue, key, point.step, point.timestamp, isNaN ? nil : point.value, isNaN])
        }
    }
}

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
