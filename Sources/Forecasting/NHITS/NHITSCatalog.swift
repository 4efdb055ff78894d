import Kernels
import Series

/// The N-HiTS forecaster: settings (the catalog's) bound to the training hooks of one fit;
/// it trains one network per series (`fit`) or one across many (`fitGlobal`).
public struct NHITSForecaster: GlobalForecaster {
    public var settings: NHITSSettings
    public var hooks: TrainingHooks

    public init(settings: NHITSSettings = .init(), hooks: TrainingHooks = .silent) {
        self.settings = settings
        self.hooks = hooks
    }

    public var name: String { "nhits" }

    public func fit(_ data: FitData) throws -> FittedNHITS {
        try NHITSTrainer.fit(settings: settings, series: data.series, trainCount: data.trainCount, hooks: hooks)
    }

    /// One network across all of `data` (`NHITSTrainer.fitGlobal`), conditioned on each series.
    public func fitGlobal(_ data: [FitData]) throws -> [FittedNHITS] {
        try NHITSTrainer.fitGlobal(settings: settings, series: data.map(\.series), trainCounts: data.map(\.trainCount), hooks: hooks)
    }
}

/// Catalog entry of `nhits`: the settings with the context's horizons, trained with the
/// hooks; the state is the trained network (`NHITSState`).
public enum NHITSModel: CatalogModel {
    public static func forecaster(_ settings: NHITSSettings, context: FitContext, hooks: TrainingHooks) -> NHITSForecaster {
        NHITSForecaster(settings: resolved(settings, context: context), hooks: hooks)
    }
    public static func state(of fitted: FittedNHITS) -> NHITSState { fitted.state }
    /// As the LSTM: the weights are fitted on train windows only and validation serves
    /// early stopping, so the protocol fit scores validation (a little favourable to it).
    public static var validationFit: ValidationFit { .protocolFit }

    /// The settings with the context's horizons (the network forecasts up to the longest).
    public static func resolved(_ settings: NHITSSettings, context: FitContext) -> NHITSSettings {
        var resolved = settings
        resolved.horizonMinutes = context.horizonMinutes
        return resolved
    }
}

extension NHITSSettings: ModelSettings {
    public typealias Model = NHITSModel
    public var kind: ModelKind { .nhits }
}

extension NHITSState: FittedModelState {
    public static var family: String { "nhits" }

    public func model(conditionedOn history: RegularSeries) throws -> any FittedForecaster {
        try FittedNHITS(state: self, history: history)
    }

    /// The point path and, for `levels`, the quantile bounds of the last origin.
    public func forecastPath(history: RegularSeries, steps: Int, levels: [Double]) throws -> ForecastPath {
        let fitted = try FittedNHITS(state: self, history: history)
        guard history.count > 0 else { throw ForecastingError.emptyHistory(model: "nhits") }
        let origin = (history.count - 1)..<history.count
        let mean = try fitted.rollingForecasts(over: history, origins: origin, steps: steps)[0]
        let intervals = levels.isEmpty ? nil : try fitted.rollingIntervals(over: history, origins: origin, steps: steps, levels: levels)[0]
        return ForecastPath(mean: mean, intervals: intervals, parameters: fitted.parameters)
    }

    /// The network's grid must be the data's, and θ must fit the architecture.
    public func checkArtifactState(data: FittedData) throws {
        if let interval = data.intervalSeconds, interval != intervalSeconds {
            throw ArtifactStateMismatch("the network was trained on a \(intervalSeconds) s grid, the data says \(interval) s")
        }
        if parameters.count != members * NHITSParameterLayout(architecture).count {
            throw ArtifactStateMismatch("θ has \(parameters.count) values, \(members) networks of the architecture \(members * NHITSParameterLayout(architecture).count)")
        }
    }
}
