import Forecasting
import Ingest
import Series

/// One `autoscale evaluate` request: which file and series, which model, which horizons
/// (with `--global`, `dataPath` may be a folder: `readEverySeries`).
public struct SeriesEvaluationRequest: Sendable {
    public var dataPath: String
    public var readOptions: CSVReadOptions
    public var model: ModelSpec
    public var horizonMinutes: [Int]
    /// Progress, epoch events and checkpoints of a model that trains.
    public var hooks: TrainingHooks
    /// Whether the series read is a cumulative counter scored as its per-second rate
    /// (a config's `preprocessing.input: counter`; see `ConfiguredSeries`).
    public var countersToRates: Bool
    /// Multiplier after the rate (a config's `preprocessing.scale`).
    public var scale: Double

    public init(dataPath: String, readOptions: CSVReadOptions = CSVReadOptions(), model: ModelSpec, horizonMinutes: [Int] = [5, 15, 30],
                hooks: TrainingHooks = .silent, countersToRates: Bool = false, scale: Double = 1) {
        self.scale = scale
        self.dataPath = dataPath
        self.readOptions = readOptions
        self.model = model
        self.horizonMinutes = horizonMinutes
        self.hooks = hooks
        self.countersToRates = countersToRates
    }

    /// The series this request scores: read, then turned into its rate when a counter.
    func readSeries() throws -> SeriesReadResult {
        var read = try CSVSeriesReader.read(path: dataPath, options: readOptions)
        read.series = try ConfiguredSeries.apply(countersToRates: countersToRates, scale: scale, to: read.series)
        return read
    }
}

/// Reads one series and scores one model on it by EVALUATION.md. The CLI's `evaluate`
/// and the pipeline's evaluate stage both call this.
public func evaluateSeries<C: Clock>(_ request: SeriesEvaluationRequest, evaluator: Evaluator<C>) throws -> EvaluationReport {
    let read = try request.readSeries()
    let plan = try EvaluationPlan(series: read.series, horizonMinutes: request.horizonMinutes)
    return try request.model.evaluate(on: plan, with: evaluator, hooks: request.hooks)
}
