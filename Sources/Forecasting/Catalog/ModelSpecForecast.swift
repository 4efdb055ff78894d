import Series

/// One forecast path continuing a history, with central prediction intervals (ARIMA
/// family: empirical by default; Prophet-style: Monte Carlo over trend changes and noise;
/// naive, snaive, lstm: residual quantiles calibrated on validation) and the fitted
/// parameters (docs/ARCHITECTURE.md, "Prediction intervals").
public struct ForecastPath: Sendable {
    /// ŝ_n … ŝ_{n+steps−1}, in the units of the series that was fitted.
    public var mean: [Double]
    /// levels × steps bounds; nil only for a state stored without a residual calibration
    /// (an artifact written before calibration existed).
    public var intervals: PathIntervals?
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
        try fitResolved(data, context: Self.forecastContext(interval: interval, scaler: scaler, steps: steps), hooks: hooks).state
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

    /// The context of a forecast of `steps` ahead: one horizon reaching the last step.
    static func forecastContext(interval: Double, scaler: MinMaxScaler, steps: Int) -> FitContext {
        FitContext(interval: interval, scaler: scaler, horizonMinutes: [Double(steps) * interval / 60])
    }

    /// The fitted state and the settings as the fit used them.
    func fitResolved(_ data: FitData, context: FitContext, hooks: TrainingHooks) throws -> (state: FittedState, spec: ModelSpec) {
        func run<S: ModelSettings>(_ settings: S) throws -> (state: FittedState, spec: ModelSpec) {
            let fitted = try S.Model.forecaster(settings, context: context, hooks: hooks).fit(data)
            return (FittedState(S.Model.state(of: fitted)), ModelSpec(S.Model.resolved(settings, context: context)))
        }
        return try run(settings)
    }
}
