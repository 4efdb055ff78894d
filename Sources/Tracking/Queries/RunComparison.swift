import GRDB

/// `runs compare`: chosen metrics (rows) of several runs (columns), best value per row marked
/// among the runs of the same series, with the params and tags that tell the runs apart.
public struct RunComparison: Codable, Sendable, Equatable {
    public var runs: [RunHeader]
    /// Each run's series, in `runs` order: the values of its `seriesTags` joined by "/"
    /// ("web-1/cpu"); empty when it has none of them.
    public var series: [String]
    /// Whether best values were picked over all runs (`--across-series`) instead of per series.
    public var acrossSeries: Bool
    /// The params and tags whose values differ between the runs, by key ("params.lr").
    public var distinguishing: [ComparedKey]
    public var rows: [ComparisonRow]

    /// The tags producers set to name the series a run forecast: `series` (evaluate, forecast)
    /// or `container` and `metric` (demo).
    public static let seriesTags = ["series", "container", "metric"]
}

/// A param or tag that differs between the compared runs.
public struct ComparedKey: Codable, Sendable, Equatable {
    public var key: String
    /// One value per run, in `runs` order; nil where the run lacks the key.
    public var values: [String?]
}

public struct ComparisonRow: Codable, Sendable, Equatable {
    public var metric: String
    public var direction: MetricDirection
    /// One value per run, in `runs` order; nil where the run lacks the metric.
    public var values: [Double?]
    /// Indices (into `runs`) of the best value in each series that has at least two runs with a
    /// number in this row; several on a tie.
    public var best: [Int]
}

extension Registry {
    /// Compares `runs` on `metrics` (all their metrics, sorted, when `metrics` is empty). The best
    /// value of a row is marked among the runs of the same series, or among all runs when
    /// `acrossSeries`. A requested metric none of the runs has is `TrackingError.unknownKey`.
    public func compare(_ runs: [RunID], metrics: [String] = [], acrossSeries: Bool = false) throws -> RunComparison {
        let cutoff = staleCutoff(now: clock.now())
        return try read { db in
            let headers = try runs.map { try Self.header($0, cutoff: cutoff, db) }
            let latest = try runs.map { try Self.latestMetrics($0, db) }
            let seqs = try runs.map { try Self.runKey($0, db) }
            let params = try seqs.map { try Self.keyValues(.params, run: $0, db) }
            let tags = try seqs.map { try Self.keyValues(.tags, run: $0, db) }
            let directions = try Self.declaredDirections(db)
            let present = latest.reduce(into: Set<String>()) { $0.formUnion($1.keys) }
            for key in metrics where !present.contains(key) {
                throw TrackingError.unknownKey(key: "metrics.\(key)", use: .comparison,
                                               closest: present.sorted().closeMatches(to: key).map { "metrics.\($0)" },
                                               existing: present.sorted().map { "metrics.\($0)" })
            }
            let series = tags.map { tags in RunComparison.seriesTags.compactMap { tags[$0] }.joined(separator: "/") }
            let groups = acrossSeries ? [Array(runs.indices)] : Dictionary(grouping: runs.indices) { series[$0] }.values.map { $0 }
            let keys = metrics.isEmpty ? present.sorted() : metrics
            let rows = keys.map { key -> ComparisonRow in
                let values = latest.map { $0[key] }
                let direction = directions[key] ?? MetricDirection.infer(key)
                var best: [Int] = []
                for group in groups {
                    let numbers = group.compactMap { values[$0] }.filter { !$0.isNaN }
                    guard numbers.count >= 2, let target = direction == .min ? numbers.min() : numbers.max() else { continue }
                    best += group.filter { values[$0] == target }
                }
                return ComparisonRow(metric: key, direction: direction, values: values, best: best.sorted())
            }
            return RunComparison(runs: headers, series: series, acrossSeries: acrossSeries,
                                 distinguishing: Self.distinguishing(params: params, tags: tags), rows: rows)
        }
    }

    /// Params, then tags, whose values are not the same in every run (a missing key counts as a value).
    static func distinguishing(params: [[String: String]], tags: [[String: String]]) -> [ComparedKey] {
        guard params.count >= 2 else { return [] }
        var result: [ComparedKey] = []
        for (prefix, maps) in [("params", params), ("tags", tags)] {
            let keys = maps.reduce(into: Set<String>()) { $0.formUnion($1.keys) }.sorted()
            for key in keys {
                let values = maps.map { $0[key] }
                if Set(values).count > 1 { result.append(ComparedKey(key: "\(prefix).\(key)", values: values)) }
            }
        }
        return result
    }
}
