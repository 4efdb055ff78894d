import Series

/// Catalog entry of `arima`: a fixed-order ARIMA; the state is `FittedARIMA`.
public enum ARIMAModel: CatalogModel {
    public static func forecaster(_ settings: ARIMASettings, context: FitContext, hooks: TrainingHooks) -> ARIMA { settings.model }
    public static func state(of fitted: FittedARIMA) -> FittedARIMA { fitted }
    /// The coefficients are fitted on every point `fit` sees: refitted on train for validation.
    public static var validationFit: ValidationFit { .refitOnTrain }
}

/// Catalog entry of `autoarima` and `autoarima-daily`: the order search, its season in
/// grid steps of the context; the state is the chosen `FittedARIMA`.
public enum AutoARIMAModel: CatalogModel {
    public static func forecaster(_ settings: AutoARIMASettings, context: FitContext, hooks: TrainingHooks) throws -> AutoARIMA {
        try settings.model(interval: context.interval, name: settings.kind.name)
    }
    public static func state(of fitted: FittedARIMA) -> FittedARIMA { fitted }
    /// Orders and coefficients are chosen on every point `fit` sees: refitted on train for validation.
    public static var validationFit: ValidationFit { .refitOnTrain }
}

extension ARIMASettings: ModelSettings {
    public typealias Model = ARIMAModel
    public var kind: ModelKind { .arima }
}

extension AutoARIMASettings: ModelSettings {
    public typealias Model = AutoARIMAModel
    /// With a season: `autoarima-daily`.
    public var kind: ModelKind { seasonalPeriodSeconds == nil ? .autoarima : .autoarimaDaily }
}

extension FittedARIMA: FittedModelState {
    public static var family: String { "arima" }
    public func model(conditionedOn history: RegularSeries) throws -> any FittedForecaster { try apply(to: history) }
    public func forecastPath(history: RegularSeries, steps: Int, levels: [Double]) throws -> ForecastPath {
        let intervals = try predictIntervals(steps: steps, levels: levels)
        return ForecastPath(mean: intervals.mean, intervals: PathIntervals(intervals), parameters: parameters)
    }
    public func checkArtifactState(data: FittedData) throws { try checkConsistency() }
}
