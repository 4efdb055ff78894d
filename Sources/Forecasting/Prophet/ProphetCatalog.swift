import Series

/// Catalog entry of `prophet` and `prophet-ar`: the Prophet-style model with its
/// logistic capacity moved into the context's scaled units; the state is
/// `FittedProphetStyle`.
public enum ProphetModel: CatalogModel {
    public static func forecaster(_ settings: ProphetSettings, context: FitContext, hooks: TrainingHooks) throws -> ProphetStyle {
        var model = settings.model
        model.growth = try ModelSpec.scaled(settings.growth, by: context.scaler)
        return model
    }
    public static func state(of fitted: FittedProphetStyle) -> FittedProphetStyle { fitted }
    /// The additive model (and prophet-ar's residual ARIMA) is fitted on every point `fit`
    /// sees, β on the points after `trainCount`: refitted on train for validation.
    public static var validationFit: ValidationFit { .refitOnTrain }
}

extension ProphetSettings: ModelSettings {
    public typealias Model = ProphetModel
    /// With the recent-past residual model: `prophet-ar`.
    public var kind: ModelKind { recentPast == .none ? .prophet : .prophetAR }
}

extension FittedProphetStyle: FittedModelState {
    public static var family: String { "prophet-style" }
    public func model(conditionedOn history: RegularSeries) throws -> any FittedForecaster { try apply(to: history) }
    public func forecastPath(history: RegularSeries, steps: Int, levels: [Double]) throws -> ForecastPath {
        let intervals = try predictIntervals(steps: steps, levels: levels)
        return ForecastPath(mean: intervals.mean, intervals: PathIntervals(intervals), parameters: parameters)
    }
    public func checkArtifactState(data: FittedData) throws { try checkArtifactConsistency() }
}
