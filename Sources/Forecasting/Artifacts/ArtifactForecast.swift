import Series

extension FittedModelArtifact {
    /// Forecasts `steps` grid steps after the end of `rawHistory`, in the series' own units
    /// (after the counter → rate stage for counters, e.g. bytes/s):
    ///
    ///     x (raw) → grid of D = data.intervalSeconds → rate → p = preprocessing(x)
    ///       → s = (p − offset)/divisor → fitted model conditioned on s → ŝ_{n…n+steps−1}
    ///       → p̂ = ŝ·divisor + offset → x̂ = preprocessing⁻¹(p̂)
    ///
    /// The fitted parameters are reused as they are (statsforecast's `forward`): the model
    /// is conditioned on this history, not refitted. The history's own grid step (median
    /// difference) must be the one the model was fitted on.
    public func forecast(rawHistory: TimeSeries, steps: Int) throws -> [Double] {
        guard steps >= 1 else { throw ArtifactError.nonPositiveSteps(steps) }
        let series = try modelSeries(rawHistory: rawHistory)
        let path = try state.model(conditionedOn: series).predict(steps: steps)
        return toSeriesUnits(path)
    }

    /// `rawHistory` on the model's grid, preprocessed and scaled as at fit time (the values
    /// the fitted state works in).
    public func modelSeries(rawHistory: TimeSeries) throws -> RegularSeries {
        let grid: RegularSeries
        if let interval = data.intervalSeconds {
            if rawHistory.count >= 2 {
                let own = try RegularGrid(rawHistory).series.interval
                guard abs(own - interval) <= 1e-9 * interval else {
                    throw ArtifactError.intervalMismatch(kind: kind.name, artifactSeconds: interval, historySeconds: own)
                }
            }
            grid = try RegularGrid(rawHistory, interval: interval).series
        } else {
            grid = try RegularGrid(rawHistory).series
        }
        return try modelSeries(grid: grid)
    }

    /// A series already on the model's grid (raw units), preprocessed and scaled.
    public func modelSeries(grid: RegularSeries) throws -> RegularSeries {
        var series = grid
        if let preprocessing {
            series = try preprocessing.apply(try Preprocessor(spec: preprocessing.spec).rateStage(series).series)
        }
        if let scaler { series = series.with(values: scaler.transform(series.values)) }
        return series
    }

    /// Model values back in the series' units: the scaler's inverse, then the
    /// preprocessing's (clipping is not undone).
    public func toSeriesUnits(_ values: [Double]) -> [Double] {
        var out = scaler.map { $0.inverse(values) } ?? values
        if let preprocessing { out = preprocessing.inverse(out) }
        return out
    }
}
