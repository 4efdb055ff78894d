import GRDB

/// Every logged value of one metric of one run, by step (then time, then logging order).
public struct MetricHistory: Codable, Sendable, Equatable {
    public struct Point: Codable, Sendable, Equatable {
        public var step: Int64
        public var timestamp: Double
        public var value: Double
    }
    public var run: RunID
    public var key: String
    public var points: [Point]
}

extension Registry {
    public func history(_ run: RunID, metric key: String) throws -> MetricHistory {
        try read { db in
            let runKey = try Self.runKey(run, db)
            // A cursor reuses one row object: reading 100,000 points allocates little.
            var points: [MetricHistory.Point] = []
            let cursor = try Row.fetchCursor(db, sql: """
                SELECT step, timestamp, value, is_nan FROM metrics WHERE run = ? AND key = ? ORDER BY step, timestamp, rowid
                """, arguments: [runKey, key])
            while let row = try cursor.next() {
                let isNaN: Bool = row[3]
                points.append(MetricHistory.Point(step: row[0], timestamp: row[1], value: isNaN ? .nan : row[2]))
            }
            if points.isEmpty {
                let available = try String.fetchAll(db, sql: "SELECT key FROM latest_metrics WHERE run = ? ORDER BY key", arguments: [runKey])
                throw TrackingError.metricNotFound(run: run.rawValue, key: key, available: available)
            }
            return MetricHistory(run: run, key: key, points: points)
        }
    }
}

extension Registry {
    /// Every logged value of metric `key` for each of `runs`, by step (then time, then
    /// logging order), in one read. Runs that never logged the key are absent from the
    /// result (not an error: a sweep's trials that have not reached an epoch yet); an unknown
    /// run id is `TrackingError.runNotFound`. Portable SQL (`IN`, a join on `runs.seq`).
    public func metricHistories(runs: [RunID], key: String) throws -> [RunID: [MetricHistory.Point]] {
        guard !runs.isEmpty else { return [:] }
        return try read { db in
            var keys: [Int64: RunID] = [:]
            for run in runs { keys[try Self.runKey(run, db)] = run }
            var result: [RunID: [MetricHistory.Point]] = [:]
            let marks = Array(repeating: "?", count: keys.count).joined(separator: ", ")
            var values: [(any DatabaseValueConvertible)?] = keys.keys.sorted()
            values.append(key)
            let arguments = StatementArguments(values)
            let cursor = try Row.fetchCursor(db, sql: """
                SELECT run, step, timestamp, value, is_nan FROM metrics WHERE run IN (\(marks)) AND key = ?
                ORDER BY run, step, timestamp, rowid
                """, arguments: arguments)
            while let row = try cursor.next() {
                let runKey: Int64 = row[0]
                let isNaN: Bool = row[4]
                guard let run = keys[runKey] else { continue }
                result[run, default: []].append(MetricHistory.Point(step: row[1], timestamp: row[2], value: isNaN ? .nan : row[3]))
            }
            return result
        }
    }
}
