import Series

/// What a fit leaves behind, one case per model family: the values an artifact stores
/// and a loaded artifact forecasts from. Every state is in the model's units (the
/// train-scaled values of the artifact's `scaler`).
public enum FittedState: Sendable, Equatable {
    /// The last value s_{n−1}.
    case naive(FittedNaive)
    /// The season length m and the last m values.
    case seasonalNaive(FittedSeasonalNaive)
    /// Orders, coefficients, σ², Kalman state and the last d + sD values (ARIMA, AutoARIMA).
    case arima(FittedARIMA)
    /// Design, θ, σ, the y scale, β and the residual ARIMA (prophet, prophet-ar).
    case prophet(FittedProphetStyle)
    /// Configuration, architecture, level normalisation, θ and shrinkage.
    case lstm(LSTMArtifact)

    /// The fitted model conditioned on `history` (model units, on the artifact's grid):
    /// the same fitted parameters with state filtered, or windows built, on `history`
    /// (statsforecast's `forward`).
    public func model(conditionedOn history: RegularSeries) throws -> any FittedForecaster {
        switch self {
        case .naive(let fitted): try fitted.apply(to: history)
        case .seasonalNaive(let fitted): try fitted.apply(to: history)
        case .arima(let fitted): try fitted.apply(to: history)
        case .prophet(let fitted): try fitted.apply(to: history)
        case .lstm(let artifact): try FittedLSTM(artifact: artifact, history: history)
        }
    }

    /// The forecast of `steps` ahead of the history the state was fitted on (`history`,
    /// needed by the LSTM only, whose state keeps no values), with intervals at `levels`
    /// for the ARIMA family and the Prophet-style models.
    public func forecastPath(history: RegularSeries, steps: Int, levels: [Double]) throws -> ForecastPath {
        switch self {
        case .naive(let fitted):
            return ForecastPath(mean: try fitted.predict(steps: steps), intervals: nil, parameters: fitted.parameters)
        case .seasonalNaive(let fitted):
            return ForecastPath(mean: try fitted.predict(steps: steps), intervals: nil, parameters: fitted.parameters)
        case .arima(let fitted):
            let intervals = try fitted.predictIntervals(steps: steps, levels: levels)
            return ForecastPath(mean: intervals.mean, intervals: intervals, parameters: fitted.parameters)
        case .prophet(let fitted):
            let intervals = try fitted.predictIntervals(steps: steps, levels: levels)
            return ForecastPath(mean: intervals.mean, intervals: intervals, parameters: fitted.parameters)
        case .lstm(let artifact):
            let fitted = try FittedLSTM(artifact: artifact, history: history)
            return ForecastPath(mean: try fitted.predict(steps: steps), intervals: nil, parameters: fitted.parameters)
        }
    }
}
