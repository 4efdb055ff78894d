extension PathIntervals {
    /// The Gaussian or empirical intervals of the ARIMA family and the Prophet-style model
    /// as path intervals, made nested (`nested()`).
    public init(_ intervals: ForecastIntervals) {
        self = PathIntervals(levels: intervals.levels, lower: intervals.lower, upper: intervals.upper).nested()
    }

    /// These bounds moved from around `mean` to around `path`: b + path[k] − mean[k] at step k
    /// (for models whose interval offsets do not depend on the origin).
    func shifted(to path: [Double], from mean: [Double]) -> PathIntervals {
        PathIntervals(
            levels: levels,
            lower: lower.map { row in path.indices.map { path[$0] + row[$0] - mean[$0] } },
            upper: upper.map { row in path.indices.map { path[$0] + row[$0] - mean[$0] } })
    }

    /// The bounds made nested: taking levels in increasing coverage, each interval is
    /// widened to contain the one before (lower = min, upper = max with it). Bounds that
    /// already nest are unchanged; it matters when levels come from different methods
    /// (ARIMA's empirical bounds for tabulated levels, Gaussian ones for the others).
    public func nested() -> PathIntervals {
        var result = self
        let order = levels.indices.sorted { levels[$0] < levels[$1] }
        for (previous, current) in zip(order, order.dropFirst()) {
            for k in result.lower[current].indices {
                result.lower[current][k] = min(result.lower[current][k], result.lower[previous][k])
                result.upper[current][k] = max(result.upper[current][k], result.upper[previous][k])
            }
        }
        return result
    }
}
