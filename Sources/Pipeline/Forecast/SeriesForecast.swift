import Forecasting
import Foundation
import Ingest
import Series

/// What to forecast: one series read like `evaluate` reads it, one model, how far ahead and
/// at which interval coverages.
public struct SeriesForecastRequest: Sendable {
    public var dataPath: String
    public var readOptions: CSVReadOptions
    public var model: ModelSpec
    /// Forecast every grid step up to this many minutes after the last observation.
    public var minutes: Int
    /// Central interval coverages in (0, 1), e.g. [0.8, 0.95].
    public var levels: [Double]
    /// Progress, epoch events and checkpoints of a model that trains.
    public var hooks: TrainingHooks
    /// Whether the series read is a cumulative counter forecast as its per-second rate, and
    /// the multiplier after it (a config's `preprocessing`; see `ConfiguredSeries`).
    public var countersToRates: Bool
    public var scale: Double

    public init(dataPath: String, readOptions: CSVReadOptions = CSVReadOptions(), model: ModelSpec,
                minutes: Int = 30, levels: [Double] = [0.8, 0.95], hooks: TrainingHooks = .silent,
                countersToRates: Bool = false, scale: Double = 1) {
        self.countersToRates = countersToRates
        self.scale = scale
        self.dataPath = dataPath
        self.readOptions = readOptions
        self.model = model
        self.minutes = minutes
        self.levels = levels
        self.hooks = hooks
    }
}

/// The forecast after the end of a series (`autoscale forecast`), in the series' units.
public struct SeriesForecastReport: Sendable, Encodable {
    public var series: String
    public var intervalSeconds: Double
    /// Points on the grid the model was fitted on (all of them; the last 15 % serve as
    /// validation for models that early-stop).
    public var n: Int
    public var model: String
    public var fitSeconds: Double
    public var levels: [Double]
    public var forecasts: [Step]
    public var parameters: [String: ParameterValue]

    public struct Step: Sendable, Encodable {
        /// ISO 8601, UTC.
        public var timestamp: String
        public var minutesAhead: Double
        public var value: Double
        /// Per coverage in percent ("80"): [lower, upper]; nil when the model has no intervals.
        public var intervals: [String: [Double]]?

        enum CodingKeys: String, CodingKey {
            case timestamp, minutesAhead = "minutes_ahead", value, intervals
        }
    }

    enum CodingKeys: String, CodingKey {
        case series, intervalSeconds = "interval_seconds", n, model, fitSeconds = "fit_seconds", levels, forecasts, parameters
    }
}

/// Why a forecast request cannot run.
public enum SeriesForecastError: Error, Equatable, CustomStringConvertible {
    case minutesNotWholeSteps(minutes: Int, intervalSeconds: Double)
    case levelOutOfRange(Double)

    public var description: String {
        switch self {
        case .minutesNotWholeSteps(let minutes, let interval):
            return "forecast: \(minutes) minutes is not a whole number (≥ 1) of the series' \(interval) s steps; choose a multiple of the interval"
        case .levelOutOfRange(let level):
            return "forecast: interval coverage \(level * 100) % is outside (0, 100); write for example 80,95"
        }
    }
}

/// Reads one series, puts it on the regular grid (EVALUATION.md §1), scales it min-max on
/// its first 85 %, fits the model on all of it (the last 15 % as validation) and forecasts
/// every step up to `minutes` after the last observation, mapped back to the series' units.
public func forecastSeries(_ request: SeriesForecastRequest, now: () -> Double) throws -> SeriesForecastReport {
    try fitAndForecastSeries(request, now: now).report
}

/// `forecastSeries` with what it fitted on and what it fitted.
public struct FittedSeriesForecast: Sendable {
    public let report: SeriesForecastReport
    /// The fitted model (format 3), which forecasts the same path from the raw series
    /// (`FittedModelArtifact.forecast(rawHistory:steps:)`).
    public let artifact: FittedModelArtifact
    /// The series on its regular grid, in its own units.
    public let series: RegularSeries
}

/// `forecastSeries` that also returns the fitted model as an artifact and the gridded series.
public func fitAndForecastSeries(_ request: SeriesForecastRequest, now: () -> Double) throws -> FittedSeriesForecast {
    for level in request.levels where !(level > 0 && level < 1) { throw SeriesForecastError.levelOutOfRange(level) }
    var read = try CSVSeriesReader.read(path: request.dataPath, options: request.readOptions)
    read.series = try ConfiguredSeries.apply(countersToRates: request.countersToRates, scale: request.scale, to: read.series)
    let grid = try RegularGrid(read.series)
    let series = grid.series
    let exact = Double(request.minutes) * 60 / series.interval
    guard exact >= 1, exact == exact.rounded() else {
        throw SeriesForecastError.minutesNotWholeSteps(minutes: request.minutes, intervalSeconds: series.interval)
    }
    let steps = Int(exact)
    let trainCount = series.count - Int((0.15 * Double(series.count)).rounded())
    let started = now()
    let artifact = try request.model.fitArtifact(series: series, trainCount: trainCount, steps: steps, hooks: request.hooks)
    let path = try artifact.state.forecastPath(history: try artifact.modelSeries(grid: series), steps: steps, levels: request.levels)
    let fitSeconds = now() - started
    let format = ISO8601DateFormatter()
    format.timeZone = TimeZone(identifier: "UTC")
    let forecasts = (0..<steps).map { k in
        let t = series.timestamp(at: series.count + k)
        var bounds: [String: [Double]]?
        if let intervals = path.intervals {
            var byLevel: [String: [Double]] = [:]
            for (i, level) in intervals.levels.enumerated() {
                byLevel[percentKey(level)] = artifact.toSeriesUnits([intervals.lower[i][k], intervals.upper[i][k]])
            }
            bounds = byLevel
        }
        return SeriesForecastReport.Step(
            timestamp: format.string(from: Date(timeIntervalSince1970: t)),
            minutesAhead: Double(k + 1) * series.interval / 60, value: artifact.toSeriesUnits([path.mean[k]])[0], intervals: bounds)
    }
    let report = SeriesForecastReport(
        series: read.series.name, intervalSeconds: series.interval, n: series.count, model: request.model.name,
        fitSeconds: fitSeconds, levels: request.levels, forecasts: forecasts, parameters: path.parameters)
    return FittedSeriesForecast(report: report, artifact: artifact, series: series)
}

/// 0.8 → "80", 0.975 → "97.5".
func percentKey(_ level: Double) -> String {
    IntervalCoverage.percentText(level)
}
