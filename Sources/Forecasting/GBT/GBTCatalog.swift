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

    /// The point path and, at `levels`, the quantile boosters' bounds.
    public func forecastPath(history: RegularSeries, steps: Int, levels: [Double]) throws -> ForecastPath {
        let fitted = try FittedGBT(state: self, history: history)
        let mean = try fitted.predict(steps: steps)
        let intervals = levels.isEmpty ? nil : try pathIntervals(history: history, steps: steps, levels: levels)
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
