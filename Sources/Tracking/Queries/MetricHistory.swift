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
