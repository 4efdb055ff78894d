import Series

/// A fitted ensemble: its members conditioned on one history and the stored combination
/// (`EnsembleState`). The forecast of step k from origin t is
///
///     weights:  ŝ_{t+k} = Σ_m w_{k,m} ŝ^m_{t+k}        (w_k ≥ 0, Σ_m w_{k,m} = 1)
///     median:   ŝ_{t+k} = median_m ŝ^m_{t+k}
///
/// and its central interval of coverage c is [ŝ_{t+k} + Q_k((1 − c)/2), ŝ_{t+k} + Q_k((1 + c)/2)],
/// Q_k the linear (type 7) quantile of the combination's validation residuals y − ŷ at
/// step k. Quantiles rise with their level, so intervals are nested and never cross.
/// Every member reads s_0 … s_t only for origin t, so the ensemble does too.
public struct FittedEnsemble: IntervalForecaster {
    public let state: EnsembleState
    /// Members, in the order of `state.members`, conditioned on the same history.
    let models: [any FittedForecaster]

    init(state: EnsembleState, models: [any FittedForecaster]) {
        precondition(models.count == state.members.count, "one conditioned model per member")
        self.state = state
        self.models = models
    }

    public func predict(steps: Int) throws -> [Double] {
        combined(try models.map { try $0.predict(steps: steps) })
    }

    public func apply(to history: RegularSeries) throws -> FittedEnsemble {
        FittedEnsemble(state: state, models: try models.map { try $0.apply(to: history) })
    }

    /// The members' rolling paths (two members at a time), combined per origin and step.
    public func rollingForecasts(over series: RegularSeries, origins: Range<Int>, steps: Int) throws -> [[Double]] {
        let memberPaths = try memberRollingForecasts(over: series, origins: origins, steps: steps)
        return (0..<origins.count).map { i in combined(memberPaths.map { $0[i] }) }
    }

    /// Each member's rolling paths before combining: `[m][i]` is member m's path from
    /// origin `origins.lowerBound + i` (two members at a time).
    public func memberRollingForecasts(over series: RegularSeries, origins: Range<Int>, steps: Int) throws -> [[[Double]]] {
        try MemberParallel.map(models.count) { m in
            try models[m].rollingForecasts(over: series, origins: origins, steps: steps)
        }
    }

    public func rollingIntervals(over series: RegularSeries, origins: Range<Int>, steps: Int, levels: [Double]) throws -> [PathIntervals] {
        try rollingForecasts(over: series, origins: origins, steps: steps).map { try intervals(around: $0, levels: levels) }
    }

    /// The intervals at `levels` around one combined path (`path[k − 1]` is step k).
    public func intervals(around path: [Double], levels: [Double]) throws -> PathIntervals {
        if let bad = levels.first(where: { !($0 > 0 && $0 < 1) }) { throw IntervalError.levelOutOfRange(bad) }
        let quantiles = (0..<path.count).map { LinearQuantiles(state.residuals(step: $0 + 1))! }
        var lower: [[Double]] = []
        var upper: [[Double]] = []
        for level in levels {
            lower.append(path.indices.map { path[$0] + quantiles[$0].quantile((1 - level) / 2) })
            upper.append(path.indices.map { path[$0] + quantiles[$0].quantile((1 + level) / 2) })
        }
        return PathIntervals(levels: levels, lower: lower, upper: upper)
    }

    /// The ensemble's summary (`EnsembleState.summary`) and each member's parameters as
    /// `<kind>.<name>` (`<kind>#<index>.<name>` when a kind appears more than once).
    public var parameters: [String: ParameterValue] {
        var result = state.summary
        let kinds = state.members.map(\.kind.name)
        for (m, model) in models.enumerated() {
            let prefix = kinds.filter({ $0 == kinds[m] }).count > 1 ? "\(kinds[m])#\(m)" : kinds[m]
            for (key, value) in model.parameters { result["\(prefix).\(key)"] = value }
        }
        return result
    }

    /// One combined path from the members' paths (members × steps).
    func combined(_ paths: [[Double]]) -> [Double] {
        let steps = paths.map(\.count).min() ?? 0
        return (0..<steps).map { k in
            let column = paths.map { $0[k] }
            switch state.combine {
            case .weights: return Self.weightedSum(column, weights: state.weights(step: k + 1))
            case .median: return Self.median(column)
            }
        }
    }

    /// Σ_m w_m x_m.
    static func weightedSum(_ values: [Double], weights: [Double]) -> Double {
        zip(values, weights).reduce(0) { $0 + $1.0 * $1.1 }
    }

    /// The middle value (the mean of the middle two for an even count).
    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}
