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
    /// `scaler` as the evaluation protocol scales them) for forecasts of up to `steps`
    /// ahead, and returns the fitted state an artifact stores. Seasons in seconds become
    /// grid steps, a logistic capacity moves into the scaled units, and the LSTM gets one
    /// head whose path reaches step `steps`. `hooks` reach the models that train.
    public func fit(
        _ data: FitData, interval: Double, scaler: MinMaxScaler, steps: Int, hooks: TrainingHooks = .silent
    ) throws -> FittedState {
        switch self {
        case .naive:
            return .naive(try Naive().fit(data))
        case .seasonalNaive(let settings):
            return .seasonalNaive(try settings.model.fit(data))
        case .arima(let settings):
            return .arima(try settings.model.fit(data))
        case .autoARIMA(let settings):
            return .arima(try settings.model(interval: interval, name: name).fit(data))
        case .prophet(let settings):
            var model = settings.model
            model.growth = try Self.scaled(settings.growth, by: scaler)
            return .prophet(try model.fit(data))
        case .lstm(var configuration):
            configuration.horizonMinutes = [Double(steps) * interval / 60]
            return .lstm(try LSTMForecaster(configuration: configuration, hooks: hooks).fit(data).artifact)
        }
    }

    /// Fits this model on `data` (see `fit`) and forecasts `steps` ahead of its last value,
    /// with intervals at `levels` (coverages in (0, 1)) where the model has them.
    public func forecast(
        fitting data: FitData, interval: Double, scaler: MinMaxScaler, steps: Int, levels: [Double],
        hooks: TrainingHooks = .silent
    ) throws -> ForecastPath {
        let state = try fit(data, interval: interval, scaler: scaler, steps: steps, hooks: hooks)
        return try state.forecastPath(history: data.series, steps: steps, levels: levels)
    }
}
