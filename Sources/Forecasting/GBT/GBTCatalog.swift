import Kernels
import Series

/// Catalog entry of `gbt`: the settings with the context's horizons in grid steps; the
/// state is `GBTState` (features in steps and the boosters). Validation scores come from a
/// refit on the train part (`refitOnTrain`, the default): the protocol fit early-stops, chooses
/// targets on validation and, with `refit`, trains on validation targets.
public enum GBTModel: CatalogModel {
    public static func forecaster(_ settings: GBTSettings, context: FitContext, hooks: TrainingHooks) throws -> GBTForecaster {
        let steps = try context.horizonMinutes.map { minutes throws(GBTError) -> Int in
            let exact = minutes * 60 / context.interval
            let steps = Int(exact.rounded())
            guard steps >= 1, abs(exact - Double(steps)) < 1e-9 * max(exact, 1) else {
                throw .horizonNotWholeSteps(minutes: minutes, intervalSeconds: context.interval)
            }
            return steps
        }
        return GBTForecaster(settings: settings, horizonSteps: steps)
    }

    public static func state(of fitted: FittedGBT) -> GBTState { fitted.state }
}

extension GBTSettings: ModelSettings {
    public typealias Model = GBTModel
    public var kind: ModelKind { .gbt }
}

extension GBTState: FittedModelState {
    public static var family: String { "gbt" }

    public func model(conditionedOn history: RegularSeries) throws -> any FittedForecaster {
        try FittedGBT(state: self, history: history)
    }

    /// The point path and, at `levels`, the quantile bounds. `ForecastIntervals` is the
    /// Gaussian type of the ARIMA family: its `lower`/`upper` hold the quantile bounds and
    /// its `standardDeviation` the half-width of the widest level divided by z_{(1+c)/2}
    /// (the intervals engineer's `PathIntervals` replaces it).
    public func forecastPath(history: RegularSeries, steps: Int, levels: [Double]) throws -> ForecastPath {
        let fitted = try FittedGBT(state: self, history: history)
        let mean = try fitted.predict(steps: steps)
        guard !levels.isEmpty else { return ForecastPath(mean: mean, intervals: nil, parameters: fitted.parameters) }
        let bounds = try pathIntervals(history: history, steps: steps, levels: levels)
        let widest = levels.indices.max { levels[$0] < levels[$1] }!
        let z = NormalDistribution.quantile(0.5 + levels[widest] / 2)
        var intervals = ForecastIntervals(
            mean: mean, standardDeviation: zip(bounds.lower[widest], bounds.upper[widest]).map { ($1 - $0) / (2 * z) }, levels: levels)
        intervals.lower = bounds.lower
        intervals.upper = bounds.upper
        return ForecastPath(mean: mean, intervals: intervals, parameters: fitted.parameters)
    }

    /// The quantile intervals at `levels` of the `steps` after the end of `history`.
    public func pathIntervals(history: RegularSeries, steps: Int, levels: [Double]) throws -> PathIntervals {
        let fitted = try FittedGBT(state: self, history: history)
        return try fitted.rollingIntervals(over: history, origins: (history.count - 1)..<history.count, steps: steps, levels: levels)[0]
    }

    /// The features' grid must be the data's; versions and booster shapes must fit.
    public func checkArtifactState(data: FittedData) throws {
        try check()
        if let interval = data.intervalSeconds, interval != intervalSeconds {
            throw ArtifactStateMismatch("the boosters were fitted on a \(intervalSeconds) s grid, the data says \(interval) s")
        }
    }
}
