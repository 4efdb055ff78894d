import Series

/// The last value: ŝ_{t+h} = s_t for every h. `fit` calibrates interval residuals on the
/// validation part for `calibrationSteps` steps ahead (`ResidualCalibration`).
public struct Naive: Forecaster {
    public var calibrationSteps: Int

    public init(calibrationSteps: Int = ResidualCalibration.defaultSteps) {
        self.calibrationSteps = calibrationSteps
    }

    public var name: String { "naive" }

    public func fit(_ data: FitData) throws -> FittedNaive {
        var fitted = try FittedNaive(history: data.series)
        fitted.calibration = try ResidualCalibration.calibrate(fitted, on: data, steps: calibrationSteps)
        return fitted
    }
}

public struct FittedNaive: FittedForecaster, Codable, Equatable {
    public let last: Double
    /// Residual quantiles of s_{t+k} − s_t on the validation part; nil in states stored
    /// before calibration existed.
    public internal(set) var calibration: ResidualCalibration?

    init(history: RegularSeries, calibration: ResidualCalibration? = nil) throws(ForecastingError) {
        guard let last = history.values.last else { throw .emptyHistory(model: "naive") }
        self.last = last
        self.calibration = calibration
    }

    public func predict(steps: Int) throws -> [Double] {
        [Double](repeating: last, count: steps)
    }

    public func apply(to history: RegularSeries) throws -> FittedNaive {
        try FittedNaive(history: history, calibration: calibration)
    }

    public func rollingForecasts(over series: RegularSeries, origins: Range<Int>, steps: Int) throws -> [[Double]] {
        origins.map { [Double](repeating: series.values[$0], count: steps) }
    }
}
