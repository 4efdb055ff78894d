import Series

extension FittedARIMA: IntervalForecaster {
    /// The rolling paths with the bounds of `predictIntervals` around each: an ARIMA's
    /// interval offsets (empirical q_c(|e_h|) where tabulated, else z σ √(Σ_{j<h} ψ_j²)) do
    /// not depend on the history it is conditioned on, so the offsets of this state hold at
    /// every origin. Causal as `rollingForecasts` is.
    public func rollingIntervals(over series: RegularSeries, origins: Range<Int>, steps: Int, levels: [Double]) throws -> [PathIntervals] {
        for level in levels where !(level > 0 && level < 1) { throw IntervalError.levelOutOfRange(level) }
        let offsets = PathIntervals(try predictIntervals(steps: steps, levels: levels))
        let mean = try predict(steps: steps)
        return try rollingForecasts(over: series, origins: origins, steps: steps).map { offsets.shifted(to: $0, from: mean) }
    }
}
