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
        if artifact == nil || decision - (fittedAt ?? decision) >= refitEvery {
            let grid = try RegularGrid(history).series
            artifact = try spec.fitArtifact(series: grid, trainCount: max(Int(Double(grid.count) * 0.85), 1), steps: steps)
            fittedAt = decision
            fits += 1
        }
        return try artifact?.forecast(rawHistory: history, steps: steps)
    }
}
