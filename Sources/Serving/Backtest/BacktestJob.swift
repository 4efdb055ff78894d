import Forecasting
import Foundation
import Ingest
import Series
import Tracking

/// What `autoscale backtest` asks for.
public struct BacktestRequest: Sendable {
    public enum ModelChoice: Sendable {
        /// `NAME@alias` in the registry: fixed parameters, conditioned per decision.
        case registered(ModelReference, RegistryLocation)
        /// A catalog kind refitted on the past every `refitEvery` decisions.
        case catalog(ModelSpec)
    }

    public var tracePath: String
    /// Column of a multi-column trace (nil: the reader's choice for `timestamp,value`).
    public var column: String?
    public var model: ModelChoice
    public var spec: BacktestSpec

    public init(tracePath: String, column: String? = nil, model: ModelChoice, spec: BacktestSpec = BacktestSpec()) {
        self.tracePath = tracePath
        self.column = column
        self.model = model
        self.spec = spec
    }
}

/// Reads the trace, builds the forecaster and replays (`Backtest.run`).
public func runBacktest(_ request: BacktestRequest, progress: (Int, Int) -> Void = { _, _ in }) throws -> BacktestReport {
    let trace = try CSVSeriesReader.read(path: request.tracePath, options: CSVReadOptions(selection: SeriesSelection(column: request.column))).series
    let name = URL(fileURLWithPath: request.tracePath).deletingPathExtension().lastPathComponent
    switch request.model {
    case .registered(let reference, let location):
        let registry = try Registry.openForReading(location)
        let model = try ModelStore(tracker: registry).model(reference)
        return try Backtest.run(trace: trace, name: name, forecaster: RegisteredForecaster(model: model), spec: request.spec, progress: progress)
    case .catalog(let spec):
        return try Backtest.run(trace: trace, name: name, forecaster: RefittingForecaster(spec: spec, refitEvery: request.spec.refitEvery),
                                spec: request.spec, progress: progress)
    }
}
