import Series

extension FittedProphetStyle: IntervalForecaster {
    /// Intervals from every origin t, causal as `rollingForecasts`:
    ///
    /// - with the recent-past model, the residual ARIMA's offsets around the rolling paths
    ///   (they do not depend on the origin; see `FittedARIMA.rollingIntervals`);
    /// - without it, prophet's simulation (`predictIntervals`, seed 0) for the grid points
    ///   t + 1 … t + steps, the model positioned at origin t: its forecast and its trend
    ///   changes depend on the grid position only, never on the values.
    public func rollingIntervals(over series: RegularSeries, origins: Range<Int>, steps: Int, levels: [Double]) throws -> [PathIntervals] {
        for level in levels where !(level > 0 && level < 1) { throw IntervalError.levelOutOfRange(level) }
        if residualModel != nil {
            let offsets = PathIntervals(try predictIntervals(steps: steps, levels: levels))
            let mean = try predict(steps: steps)
            return try rollingForecasts(over: series, origins: origins, steps: steps).map { offsets.shifted(to: $0, from: mean) }
        }
        return try origins.map { t in
            PathIntervals(try positioned(count: t + 1, on: series).predictIntervals(steps: steps, levels: levels))
        }
    }
}
