import Series

/// Catalog entry of `naive`: ŝ_{t+h} = s_t; the state is the last value.
public enum NaiveModel: CatalogModel {
    public static func forecaster(_ settings: NaiveSettings, context: FitContext, hooks: TrainingHooks) -> Naive {
        Naive(calibrationSteps: context.maxSteps)
    }
    public static func state(of fitted: FittedNaive) -> FittedNaive { fitted }
    /// Nothing is fitted: the protocol fit scores validation too.
    public static var validationFit: ValidationFit { .protocolFit }
}

/// Catalog entry of `snaive`: the value one season earlier; the state is the last season.
public enum SeasonalNaiveModel: CatalogModel {
    public static func forecaster(_ settings: SeasonalNaiveSettings, context: FitContext, hooks: TrainingHooks) -> SeasonalNaive {
        var model = settings.model
        model.calibrationSteps = context.maxSteps
        return model
    }
    public static func state(of fitted: FittedSeasonalNaive) -> FittedSeasonalNaive { fitted }
    /// Nothing is fitted: the protocol fit scores validation too.
    public static var validationFit: ValidationFit { .protocolFit }
}

extension NaiveSettings: ModelSettings {
    public typealias Model = NaiveModel
    public var kind: ModelKind { .naive }
}

extension SeasonalNaiveSettings: ModelSettings {
    public typealias Model = SeasonalNaiveModel
    public var kind: ModelKind { .snaive }
}

extension FittedNaive: FittedModelState {
    public static var family: String { "naive" }
    public func model(conditionedOn history: RegularSeries) throws -> any FittedForecaster { try apply(to: history) }
    public func forecastPath(history: RegularSeries, steps: Int, levels: [Double]) throws -> ForecastPath {
        let mean = try predict(steps: steps)
        return ForecastPath(mean: mean, intervals: try calibratedIntervals(around: mean, levels: levels), parameters: parameters)
    }
    public func checkArtifactState(data: FittedData) throws { try calibration?.check() }
}

extension FittedNaive: ResidualCalibrated {
    public var calibratedModelName: String { "naive" }
}

extension FittedSeasonalNaive: ResidualCalibrated {
    public var calibratedModelName: String { "snaive" }
}

extension FittedSeasonalNaive: FittedModelState {
    public static var family: String { "snaive" }
    public func model(conditionedOn history: RegularSeries) throws -> any FittedForecaster { try apply(to: history) }
    public func forecastPath(history: RegularSeries, steps: Int, levels: [Double]) throws -> ForecastPath {
        let mean = try predict(steps: steps)
        return ForecastPath(mean: mean, intervals: try calibratedIntervals(around: mean, levels: levels), parameters: parameters)
    }
    /// m ≥ 1 and m stored values; a calibration of the stored shape.
    public func checkArtifactState(data: FittedData) throws {
        guard period >= 1, lastSeason.count == period else {
            throw ArtifactStateMismatch("a season of \(period) steps with \(lastSeason.count) stored values")
        }
        try calibration?.check()
    }
}
