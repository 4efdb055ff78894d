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
            guard try Self.runExists(run, db) else { throw TrackingError.runNotFound(prefix: run.rawValue) }
            let rows = try Row.fetchAll(db, sql: """
                SELECT step, timestamp, value, is_nan FROM metrics WHERE run_id = ? AND key = ? ORDER BY step, timestamp, rowid
                """, arguments: [run.rawValue, key])
            if rows.isEmpty {
                let available = try String.fetchAll(db, sql: "SELECT key FROM latest_metrics WHERE run_id = ? ORDER BY key", arguments: [run.rawValue])
                throw TrackingError.metricNotFound(run: run.rawValue, key: key, available: available)
            }
            let points = rows.map { row -> MetricHistory.Point in
                let isNaN: Bool = row[3]
                return MetricHistory.Point(step: row[0], timestamp: row[1], value: isNaN ? .nan : row[2])
            }
            return MetricHistory(run: run, key: key, points: points)
        }
    }
}
