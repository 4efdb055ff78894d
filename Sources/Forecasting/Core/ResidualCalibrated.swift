import Series

/// A fitted model whose intervals are its point forecasts plus residual quantiles
/// calibrated on validation (`ResidualCalibration`): naive, snaive and the LSTM, and any
/// new model that has no variance or quantile outputs of its own. Conforming gives
/// `rollingIntervals` and the intervals of `forecastPath`.
public protocol ResidualCalibrated: IntervalForecaster {
    /// nil for a state stored before calibration existed, or fitted without a validation part.
    var calibration: ResidualCalibration? { get }
    /// The model's name in errors ("naive", "lstm", …).
    var calibratedModelName: String { get }
}

extension ResidualCalibrated {
    /// `rollingForecasts`, each path ŝ plus the calibrated residual quantiles of its step
    /// (`ResidualCalibration.intervals(around:levels:model:)`); causal as the paths are.
    public func rollingIntervals(over series: RegularSeries, origins: Range<Int>, steps: Int, levels: [Double]) throws -> [PathIntervals] {
        let calibration = try requireCalibration()
        _ = try calibration.intervals(around: [], levels: levels, model: calibratedModelName)
        let paths = try rollingForecasts(over: series, origins: origins, steps: steps)
        return try calibration.intervals(around: paths, levels: levels, model: calibratedModelName)
    }

    /// The intervals around one forecast path `mean`: nil without a calibration or when
    /// `mean` is longer than the calibrated steps (a served horizon beyond the one fitted
    /// for: the path is still given, without bounds); throws for a level not calibrated.
    public func calibratedIntervals(around mean: [Double], levels: [Double]) throws -> PathIntervals? {
        guard let calibration, mean.count <= calibration.steps else { return nil }
        return try calibration.intervals(around: [mean], levels: levels, model: calibratedModelName).first
    }

    /// The calibration, or `ResidualCalibrationError.notCalibrated`.
    public func requireCalibration() throws(ResidualCalibrationError) -> ResidualCalibration {
        guard let calibration else { throw .notCalibrated(model: calibratedModelName) }
        return calibration
    }
}
