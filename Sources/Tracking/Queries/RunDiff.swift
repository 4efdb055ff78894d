import GRDB

/// `runs diff A B`: the params that differ and every metric with its change from A to B.
public struct RunDiff: Codable, Sendable, Equatable {
    public var a: RunHeader
    public var b: RunHeader
    public var params: [ParamChange]
    public var metrics: [MetricChange]
}

/// A param present in only one run, or with different values (nil = absent).
public struct ParamChange: Codable, Sendable, Equatable {
    public var key: String
    public var a: String?
    public var b: String?
}

/// How a metric's latest value changed from run A to run B:
/// absolute = b − a; relative = (b − a) / |a| (nil when a is 0 or either side is missing).
public struct MetricChange: Codable, Sendable, Equatable {
    public enum Verdict: String, Codable, Sendable { case better, worse, same, incomparable }
    public var key: String
    public var a: Double?
    public var b: Double?
    public var absolute: Double?
    public var relative: Double?
    public var direction: MetricDirection
    /// Whether B is better than A, judged with `direction`.
    public var verdict: Verdict

    static func between(key: String, a: Double?, b: Double?, direction: MetricDirection) -> MetricChange {
        guard let a, let b, !a.isNaN, !b.isNaN else {
            return MetricChange(key: key, a: a, b: b, absolute: nil, relative: nil, direction: direction, verdict: .incomparable)
        }
        let absolute = a == b ? 0 : b - a
        let relative: Double? = a == 0 || !absolute.isFinite ? nil : absolute / Swift.abs(a)
        let verdict: Verdict = a == b ? .same : (direction.isBetter(b, than: a) ? .better : .worse)
        return MetricChange(key: key, a: a, b: b, absolute: absolute, relative: relative, direction: direction, verdict: verdict)
    }
}

extension Registry {
    public func diff(_ a: RunID, _ b: RunID) throws -> RunDiff {
        let cutoff = staleCutoff(now: clock.now())
        return try read { db in
            let headerA = try Self.header(a, cutoff: cutoff, db)
            let headerB = try Self.header(b, cutoff: cutoff, db)
            func params(_ run: RunID) throws -> [String: String] {
                try Self.keyValues(.params, run: Self.runKey(run, db), db)
            }
            let paramsA = try params(a), paramsB = try params(b)
            let paramChanges = Set(paramsA.keys).union(paramsB.keys).sorted()
                .filter { paramsA[$0] != paramsB[$0] }
                .map { ParamChange(key: $0, a: paramsA[$0], b: paramsB[$0]) }
            let metricsA = try Self.latestMetrics(a, db), metricsB = try Self.latestMetrics(b, db)
            let directions = try Self.declaredDirections(db)
            let metricChanges = Set(metricsA.keys).union(metricsB.keys).sorted().map { key in
                MetricChange.between(key: key, a: metricsA[key], b: metricsB[key], direction: directions[key] ?? MetricDirection.infer(key))
            }
            return RunDiff(a: headerA, b: headerB, params: paramChanges, metrics: metricChanges)
        }
    }
}
