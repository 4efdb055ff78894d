import Series

/// Catalog entry of `lstm`: the configuration with the context's horizons, trained with
/// the hooks; the state is the trained network (`LSTMArtifact`).
public enum LSTMModel: CatalogModel {
    public static func forecaster(_ settings: LSTMConfiguration, context: FitContext, hooks: TrainingHooks) -> LSTMForecaster {
        LSTMForecaster(configuration: resolved(settings, context: context), hooks: hooks)
    }
    public static func state(of fitted: FittedLSTM) -> LSTMArtifact { fitted.artifact }
    /// The weights are fitted on train samples only; validation is used for early stopping
    /// and the output shrinkage, its usual role, so the protocol fit scores validation (a
    /// little favourable to the LSTM: the best epoch and shrinkage were chosen there).
    public static var validationFit: ValidationFit { .protocolFit }

    /// The configuration with one head per horizon of the context.
    public static func resolved(_ settings: LSTMConfiguration, context: FitContext) -> LSTMConfiguration {
        var configuration = settings
        configuration.horizonMinutes = context.horizonMinutes
        return configuration
    }
}

extension LSTMConfiguration: ModelSettings {
    public typealias Model = LSTMModel
    public var kind: ModelKind { .lstm }
}

extension LSTMArtifact: FittedModelState {
    public static var family: String { "lstm" }
    public func model(conditionedOn history: RegularSeries) throws -> any FittedForecaster {
        try FittedLSTM(artifact: self, history: history)
    }
    public func forecastPath(history: RegularSeries, steps: Int, levels: [Double]) throws -> ForecastPath {
        let fitted = try FittedLSTM(artifact: self, history: history)
        let mean = try fitted.predict(steps: steps)
        return ForecastPath(mean: mean, intervals: try fitted.pathIntervals(steps: steps, around: mean, levels: levels),
                            parameters: fitted.parameters)
    }
    /// The network's grid must be the data's.
    public func checkArtifactState(data: FittedData) throws {
        if let interval = data.intervalSeconds, interval != intervalSeconds {
            throw ArtifactStateMismatch("the network was trained on a \(intervalSeconds) s grid, the data says \(interval) s")
        }
    }
}
