import Series

/// The value one season earlier: ŝ_{t+h} = s_{t+h−k·m} with k = ⌈h/m⌉ (k = 1 for
/// h ≤ m), m = period / D steps. The period defaults to `SeasonalNaiveSettings`'s (one day).
/// `fit` calibrates interval residuals on the validation part for `calibrationSteps` steps
/// ahead (`ResidualCalibration`).
public struct SeasonalNaive: Forecaster {
    /// Season length in seconds.
    public let periodSeconds: Double
    public var calibrationSteps: Int

    public init(periodSeconds: Double = SeasonalNaiveSettings().periodSeconds,
                calibrationSteps: Int = ResidualCalibration.defaultSteps) {
        self.periodSeconds = periodSeconds
        self.calibrationSteps = calibrationSteps
    }

    public var name: String { "snaive" }

    public func fit(_ data: FitData) throws -> FittedSeasonalNaive {
        let exact = periodSeconds / data.series.interval
        let m = Int(exact.rounded())
        guard m >= 1, abs(exact - Double(m)) < 1e-9 * exact else {
            throw ForecastingError.seasonNotMultipleOfInterval(model: name, periodSeconds: periodSeconds, intervalSeconds: data.series.interval)
        }
        var fitted = try FittedSeasonalNaive(period: m, history: data.series)
        fitted.calibration = try ResidualCalibration.calibrate(fitted, on: data, steps: calibrationSteps, firstOrigin: m - 1)
        return fitted
    }
}

public struct FittedSeasonalNaive: FittedForecaster, Codable, Equatable {
    /// Season length m in steps.
    public let period: Int
    /// The last m values of the conditioning history.
    public let lastSeason: [Double]
    /// Residual quantiles on the validation part; nil in states stored before calibration existed.
    public internal(set) var calibration: ResidualCalibration?

    init(period: Int, history: RegularSeries, calibration: ResidualCalibration? = nil) throws(ForecastingError) {
        guard history.count >= period else {
            throw .historyTooShort(model: "snaive", needed: period, got: history.count)
        }
        self.period = period
        lastSeason = Array(history.values.suffix(period))
        self.calibration = calibration
    }

    public func predict(steps: Int) throws -> [Double] {
        // Step j ≥ 1 after the end maps to position (j − 1) mod m of the last season.
        (0..<steps).map { lastSeason[$0 % period] }
    }

    public func apply(to history: RegularSeries) throws -> FittedSeasonalNaive {
        try FittedSeasonalNaive(period: period, history: history, calibration: calibration)
    }

    public func rollingForecasts(over series: RegularSeries, origins: Range<Int>, steps: Int) throws -> [[Double]] {
        try origins.map { t throws(ForecastingError) in
            guard t + 1 >= period else { throw .historyTooShort(model: "snaive", needed: period, got: t + 1) }
            // ŝ_{t+j} = s_{t+j−k·m}, k = ⌈j/m⌉, i.e. s_{t+1−m+((j−1) mod m)}.
            return (0..<steps).map { series.values[t + 1 - period + $0 % period] }
        }
    }

    public var parameters: [String: ParameterValue] { ["period_steps": .integer(period)] }
}
