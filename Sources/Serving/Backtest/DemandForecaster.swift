import Forecasting
import Series

/// Forecasts a trace's demand at a decision from the history before it (no peeking: it is
/// given only points 0…i).
public protocol DemandForecaster: Sendable {
    /// The model's name in reports.
    var name: String { get }
    /// ŷ_{i+1} … ŷ_{i+steps} from `history` = the trace's points 0…i; nil while the model
    /// cannot forecast yet (not enough data), in which case the policy uses current usage only.
    mutating func forecast(history: TimeSeries, decision: Int, steps: Int) throws -> [Double]?
    /// The same path with, per step, central intervals at `levels` (coverages in (0, 1))
    /// where the model gives them; by default `forecast` without intervals.
    mutating func forecastPath(history: TimeSeries, decision: Int, steps: Int, levels: [Double]) throws -> SeriesPath?
}

extension DemandForecaster {
    public mutating func forecastPath(history: TimeSeries, decision: Int, steps: Int, levels: [Double]) throws -> SeriesPath? {
        try forecast(history: history, decision: decision, steps: steps).map { SeriesPath(mean: $0, intervals: nil) }
    }
}

/// A registered model: its fitted parameters are kept and it is conditioned on the
/// history up to each decision. Those parameters may have been fitted on part of the
/// trace itself, so its score can be optimistic.
public struct RegisteredForecaster: DemandForecaster {
    public let name: String
    let artifact: FittedModelArtifact
    let minimumPoints: Int

    public init(model: LoadedModel) {
        name = "\(model.reference) (v\(model.version), \(model.artifact.kind.name))"
        artifact = model.artifact
        minimumPoints = model.minimumPoints
    }

    public mutating func forecast(history: TimeSeries, decision: Int, steps: Int) throws -> [Double]? {
        guard history.count >= minimumPoints else { return nil }
        return try artifact.forecast(rawHistory: history, steps: steps)
    }

    public mutating func forecastPath(history: TimeSeries, decision: Int, steps: Int, levels: [Double]) throws -> SeriesPath? {
        guard history.count >= minimumPoints else { return nil }
        return try artifact.seriesPath(rawHistory: history, steps: steps, levels: levels)
    }
}

/// A catalog model refitted every `refitEvery` decisions on the history before the
/// decision (85 % train, 15 % validation of it), conditioned on the latest history in between.
public struct RefittingForecaster: DemandForecaster {
    public let spec: ModelSpec
    public let refitEvery: Int
    public var name: String { spec.kind.name }
    var artifact: FittedModelArtifact?
    var fittedAt: Int?
    /// Fits done so far.
    public private(set) var fits = 0

    public init(spec: ModelSpec, refitEvery: Int) {
        self.spec = spec
        self.refitEvery = max(refitEvery, 1)
    }

    public mutating func forecast(history: TimeSeries, decision: Int, steps: Int) throws -> [Double]? {
        try fitted(history: history, decision: decision, steps: steps).forecast(rawHistory: history, steps: steps)
    }

    public mutating func forecastPath(history: TimeSeries, decision: Int, steps: Int, levels: [Double]) throws -> SeriesPath? {
        try fitted(history: history, decision: decision, steps: steps).seriesPath(rawHistory: history, steps: steps, levels: levels)
    }

    /// The artifact in use at this decision, refitted first when `refitEvery` decisions
    /// have passed since the last fit (or none was made yet).
    mutating func fitted(history: TimeSeries, decision: Int, steps: Int) throws -> FittedModelArtifact {
        if let artifact, let fittedAt, decision - fittedAt < refitEvery { return artifact }
        let grid = try RegularGrid(history).series
        let fresh = try spec.fitArtifact(series: grid, trainCount: max(Int(Double(grid.count) * 0.85), 1), steps: steps)
        artifact = fresh
        fittedAt = decision
        fits += 1
        return fresh
    }
}
