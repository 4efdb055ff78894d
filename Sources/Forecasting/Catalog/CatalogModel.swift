import Series

/// A model's settings: a value (Codable, Hashable, Sendable) that names its catalog kind
/// and the family that fits it (`Model`). The settings type is what a catalog entry
/// decodes from specs, configs and artifacts.
public protocol ModelSettings: Codable, Hashable, Sendable {
    associatedtype Model: CatalogModel where Model.Settings == Self
    /// The kind these settings describe (e.g. a Prophet-style model with the recent-past
    /// residual model is `prophet-ar`).
    var kind: ModelKind { get }
}

/// What the catalog needs from a model family, implemented in the family's folder: how
/// its settings become a forecaster for a given grid and horizons, and which part of the
/// fitted model an artifact stores. Fitting, evaluating, forecasting and loading are
/// written once, generically, over this protocol (`ModelSpec`, `FittedModelArtifact`).
public protocol CatalogModel {
    associatedtype Settings: ModelSettings where Settings.Model == Self
    associatedtype Forecaster: Forecasting.Forecaster
    associatedtype State: FittedModelState

    /// The forecaster `settings` describe in `context` (seasons in seconds become grid
    /// steps, capacities move into scaled units, the LSTM takes the horizons), with the
    /// training `hooks` for families that train.
    static func forecaster(_ settings: Settings, context: FitContext, hooks: TrainingHooks) throws -> Forecaster

    /// What an artifact stores of a fitted model.
    static func state(of fitted: Forecaster.Fitted) -> State

    /// The settings as the forecaster of `context` uses them, for the artifact (the LSTM's
    /// horizons); the settings themselves by default.
    static func resolved(_ settings: Settings, context: FitContext) -> Settings

    /// Which fit the validation scores of this family come from (`ValidationFit`):
    /// `.refitOnTrain` by default, so a family scores on validation targets it never fitted
    /// unless it says otherwise.
    static var validationFit: ValidationFit { get }

    /// One model trained across all of `data` (global training, `GlobalForecaster`),
    /// conditioned on each series in turn. Families whose forecaster is a
    /// `GlobalForecaster` get it from the extension below; the others throw
    /// `ModelSpecError.globalTrainingNotOffered`.
    static func fitGlobal(_ settings: Settings, context: FitContext, hooks: TrainingHooks, data: [FitData]) throws -> [Forecaster.Fitted]
}

extension CatalogModel {
    public static func resolved(_ settings: Settings, context: FitContext) -> Settings { settings }

    public static func fitGlobal(_ settings: Settings, context: FitContext, hooks: TrainingHooks, data: [FitData]) throws -> [Forecaster.Fitted] {
        throw ModelSpecError.globalTrainingNotOffered(model: settings.kind.name, offeredBy: ModelKind.globalTrainingNames)
    }
}

extension CatalogModel where Forecaster: GlobalForecaster {
    public static func fitGlobal(_ settings: Settings, context: FitContext, hooks: TrainingHooks, data: [FitData]) throws -> [Forecaster.Fitted] {
        try forecaster(settings, context: context, hooks: hooks).fitGlobal(data)
    }
}

/// Where a forecaster is fitted: the grid step, the min-max scaler of the values it sees,
/// and the horizons (minutes) it must forecast.
public struct FitContext: Sendable {
    public var interval: Double
    public var scaler: MinMaxScaler
    public var horizonMinutes: [Double]

    public init(interval: Double, scaler: MinMaxScaler, horizonMinutes: [Double]) {
        self.interval = interval
        self.scaler = scaler
        self.horizonMinutes = horizonMinutes
    }
}

/// The fitted part of an artifact for one family, in the model's (scaled) units.
public protocol FittedModelState: Codable, Equatable, Sendable {
    /// The family's name in messages ("arima", "lstm", …).
    static var family: String { get }

    /// The fitted model conditioned on `history` (model units, on the artifact's grid):
    /// the same fitted parameters with state filtered, or windows built, on `history`
    /// (statsforecast's `forward`).
    func model(conditionedOn history: RegularSeries) throws -> any FittedForecaster

    /// The forecast of `steps` ahead of the history the state was fitted on (`history`,
    /// needed by states that keep no values), with intervals at `levels` where the family
    /// has them.
    func forecastPath(history: RegularSeries, steps: Int, levels: [Double]) throws -> ForecastPath

    /// Throws (with the reason) when the stored parts do not fit together or with `data`.
    func checkArtifactState(data: FittedData) throws
}

/// Why a stored state cannot be used; the envelope reports it as `ArtifactError.invalid`
/// with the artifact's kind and version.
public struct ArtifactStateMismatch: Error, Equatable, CustomStringConvertible {
    public let reason: String

    public init(_ reason: String) {
        self.reason = reason
    }

    public var description: String { reason }
}
