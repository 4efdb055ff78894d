import Forecasting
import Ingest
import Series

/// One `autoscale evaluate` request: which file and series, which model, which horizons.
public struct SeriesEvaluationRequest: Sendable {
    public var dataPath: String
    public var readOptions: CSVReadOptions
    public var model: ModelSpec
    public var horizonMinutes: [Int]
    /// Progress, epoch events and checkpoints of a model that trains.
    public var hooks: TrainingHooks

    public init(dataPath: String, readOptions: CSVReadOptions = CSVReadOptions(), model: ModelSpec, horizonMinutes: [Int] = [5, 15, 30],
                hooks: TrainingHooks = .silent) {
        self.dataPath = dataPath
        self.readOptions = readOptions
        self.model = model
        self.horizonMinutes = horizonMinutes
        self.hooks = hooks
    }
}

/// Reads one series and scores one model on it by EVALUATION.md. The CLI's `evaluate`
/// and the pipeline's evaluate stage both call this.
public func evaluateSeries<C: Clock>(_ request: SeriesEvaluationRequest, evaluator: Evaluator<C>) throws -> EvaluationReport {
    let read = try CSVSeriesReader.read(path: request.dataPath, options: request.readOptions)
    let plan = try EvaluationPlan(series: read.series, horizonMinutes: request.horizonMinutes)
    return try request.model.evaluate(on: plan, with: evaluator, hooks: request.hooks)
}
