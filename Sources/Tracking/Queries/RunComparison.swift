import GRDB

/// `runs compare`: chosen metrics (rows) of several runs (columns), best value per row marked.
public struct RunComparison: Codable, Sendable, Equatable {
    public var runs: [RunHeader]
    public var rows: [ComparisonRow]
}

public struct ComparisonRow: Codable, Sendable, Equatable {
    public var metric: String
    public var direction: MetricDirection
    /// One value per run, in `runs` order; nil where the run lacks the metric.
    public var values: [Double?]
    /// Indices (into `runs`) of the best value; several on a tie, none when no value is a number.
    public var best: [Int]
}

extension Registry {
    /// Compares `runs` on `metrics` (all their metrics, sorted, when `metrics` is empty).
    public func compare(_ runs: [RunID], metrics: [String] = []) throws -> RunComparison {
        let cutoff = staleCutoff(now: clock.now())
        return try read { db in
            let headers = try runs.map { try Self.header($0, cutoff: cutoff, db) }
            let latest = try runs.map { try Self.latestMetrics($0, db) }
            let directions = try Self.declaredDirections(db)
            let keys = metrics.isEmpty ? Array(latest.reduce(into: Set<String>()) { $0.formUnion($1.keys) }).sorted() : metrics
            let rows = keys.map { key -> ComparisonRow in
                let values = latest.map { $0[key] }
                let direction = directions[key] ?? MetricDirection.infer(key)
                let numbers = values.compactMap { $0 }.filter { !$0.isNaN }
                let bestValue = direction == .min ? numbers.min() : numbers.max()
                let best = bestValue.map { target in values.indices.filter { values[$0] == target } } ?? []
                return ComparisonRow(metric: key, direction: direction, values: values, best: best)
            }
            return RunComparison(runs: headers, rows: rows)
        }
    }
}
