import Forecasting
import Series

/// A forecast path in series units: `mean[k]` = ŷ_{n+1+k} for k = 0 … steps−1 and, per
/// step, the central intervals at the coverages asked for (nil when the model gives none).
public struct SeriesPath: Sendable, Equatable {
    public var mean: [Double]
    /// steps × levels, or nil.
    public var intervals: [[ForecastInterval]]?

    public init(mean: [Double], intervals: [[ForecastInterval]]?) {
        self.mean = mean
        self.intervals = intervals
    }
}

extension FittedModelArtifact {
    /// The mean path and, where the model has them, central intervals at `levels`, in
    /// series units, continuing `grid` (raw values on the model's grid):
    ///
    ///     grid → modelSeries (preprocessing, scaler) → model conditioned on it
    ///       → ŝ and [lower, upper] per level → toSeriesUnits (bounds re-sorted, since an
    ///       inverse transform may swap them)
    ///
    /// A conditioned model that is itself a state (ARIMA, Prophet, naive, snaive) gives the
    /// path from its filtered state; any other (LSTM, N-HiTS, gbt: networks or trees over
    /// windows) its own point path and its `rollingIntervals` from the series' last origin.
    public func seriesPath(grid: RegularSeries, steps: Int, levels: [Double]) throws -> SeriesPath {
        try seriesPath(modelSeries: try modelSeries(grid: grid), steps: steps, levels: levels)
    }

    /// `seriesPath` from raw history on its own grid, which must be the model's
    /// (`modelSeries(rawHistory:)` checks the step).
    public func seriesPath(rawHistory: TimeSeries, steps: Int, levels: [Double]) throws -> SeriesPath {
        try seriesPath(modelSeries: try modelSeries(rawHistory: rawHistory), steps: steps, levels: levels)
    }

    /// The path from a series already preprocessed and scaled (`modelSeries`).
    func seriesPath(modelSeries series: RegularSeries, steps: Int, levels: [Double]) throws -> SeriesPath {
        let conditioned = try state.model(conditionedOn: series)
        let modelMean: [Double]
        let modelIntervals: PathIntervals?
        if conditioned as? any FittedModelState == nil, let model = conditioned as? any IntervalForecaster, !series.values.isEmpty {
            // The conditioned model already holds what it decoded (gbt: its boosters), so
            // its own path and intervals from the last origin cost one decoding, not three.
            modelMean = try model.predict(steps: steps)
            modelIntervals = levels.isEmpty ? nil
                : try model.rollingIntervals(over: series, origins: (series.count - 1)..<series.count, steps: steps, levels: levels)[0]
        } else {
            let fitted = conditioned as? any FittedModelState ?? state.value
            let path = try fitted.forecastPath(history: series, steps: steps, levels: levels)
            (modelMean, modelIntervals) = (path.mean, path.intervals)
        }
        let mean = toSeriesUnits(modelMean)
        guard let intervals = modelIntervals, !intervals.levels.isEmpty else { return SeriesPath(mean: mean, intervals: nil) }
        let lower = intervals.lower.map(toSeriesUnits)
        let upper = intervals.upper.map(toSeriesUnits)
        let perStep = (0..<steps).map { k in
            intervals.levels.indices.map { j in
                ForecastInterval(level: intervals.levels[j], lower: min(lower[j][k], upper[j][k]), upper: max(lower[j][k], upper[j][k]))
            }
        }
        return SeriesPath(mean: mean, intervals: perStep)
    }
}
