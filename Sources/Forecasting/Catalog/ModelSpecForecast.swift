import Series

/// One forecast path continuing a history, with central prediction intervals for the
/// models that have them (ARIMA family: empirical by default; Prophet-style: Monte Carlo
/// over trend changes and noise) and the fitted parameters.
public struct ForecastPath: Sendable {
    /// ŝ_n … ŝ_{n+steps−1}, in the units of the series that was fitted.
    public var mean: [Double]
    /// nil for models without intervals (naive, snaive, lstm).
    public var intervals: ForecastIntervals?
    public var parameters: [String: ParameterValue]
}

extension ModelSpec {
    /// Fits this model on `data` (values on a grid of `interval` seconds, scaled by
    /// `scaler` as the evaluation protocol scales them) and forecasts `steps` ahead of its
    /// last value, with intervals at `levels` (coverages in (0, 1)) where the model has them.
    public func forecast(
        fitting data: FitData, interval: Double, scaler: MinMaxScaler, steps: Int, levels: [Double]
    ) throws -> ForecastPath {
        switch self {
        case .naive:
            let fitted = try Naive().fit(data)
            return ForecastPath(mean: try fitted.predict(steps: steps), intervals: nil, parameters: fitted.parameters)
        case .seasonalNaive(let period):
            let fitted = try SeasonalNaive(periodSeconds: period).fit(data)
            return ForecastPath(mean: try fitted.predict(steps: steps), intervals: nil, parameters: fitted.parameters)
        case .arima(let model):
            return try Self.withIntervals(try model.fit(data), steps: steps, levels: levels)
        case .autoARIMA(var model, let periodSeconds):
            if let periodSeconds { model.period = try Self.steps(periodSeconds, interval: interval, model: name) }
            return try Self.withIntervals(try model.fit(data), steps: steps, levels: levels)
        case .prophet(var model):
            model.growth = try Self.scaled(model.growth, by: scaler)
            let fitted = try model.fit(data)
            let intervals = try fitted.predictIntervals(steps: steps, levels: levels)
            return ForecastPath(mean: intervals.mean, intervals: intervals, parameters: fitted.parameters)
        case .lstm(var forecaster):
            // One head whose path reaches the last requested step.
            forecaster.configuration.horizonMinutes = [Double(steps) * interval / 60]
            let fitted = try forecaster.fit(data)
            return ForecastPath(mean: try fitted.predict(steps: steps), intervals: nil, parameters: fitted.parameters)
        }
    }

    private static func withIntervals(_ fitted: FittedARIMA, steps: Int, levels: [Double]) throws -> ForecastPath {
        let intervals = try fitted.predictIntervals(steps: steps, levels: levels)
        return ForecastPath(mean: intervals.mean, intervals: intervals, parameters: fitted.parameters)
    }
}
