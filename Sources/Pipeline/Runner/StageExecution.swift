import Foundation
import Tracking

/// Everything a stage reads while it executes: its plan entry, the products of the stages
/// it needs (in `needs` order), the cache (for their files), the tracker and the pipeline's
/// parent run, and where to report progress.
struct StageInput: Sendable {
    let stage: PlannedStage
    /// (instance id, cache key, product) of each stage it needs.
    let inputs: [(id: String, key: String, product: StageProduct)]
    let cache: StageCache
    let tracking: PipelineTracking
    let events: PipelineEvents
    /// The stage's cache key (a sweep finds its run again by it).
    let key: String
    /// `--force` names this stage (a sweep starts a new sweep run).
    let forced: Bool
    /// How sweep stages run their trials in this invocation.
    let sweep: SweepSettings

    /// The input products of one case, with their ids.
    func products<T>(_ pick: (StageProduct) -> T?) -> [(id: String, key: String, value: T)] {
        inputs.compactMap { input in pick(input.product).map { (input.id, input.key, $0) } }
    }
}

/// What an executed stage leaves in its cache entry.
struct StageResult: Sendable {
    var product: StageProduct
    /// Extra files of the entry (model artifacts, report files).
    var files: [String: Data] = [:]
}

/// The tracker a pipeline logs through, and the parent run of this invocation.
struct PipelineTracking: Sendable {
    let tracker: any Tracker
    let experiment: String
    let pipeline: String
    let parent: RunID
}

/// Runs one stage of any kind.
enum StageExecution {
    static func run(_ input: StageInput) throws -> StageResult {
        switch input.stage.section {
        case .ingest(let ingest): try IngestExecution.run(ingest, input)
        case .preprocess(let preprocess): try PreprocessExecution.run(preprocess, input)
        case .split(let split): try SplitExecution.run(split, input)
        case .window(let window): try SplitExecution.run(window, input)
        case .train(let train):
            if let sweep = train.sweep { try SweepExecution.run(train, sweep, input) } else { try TrainExecution.run(train, input) }
        case .evaluate(let evaluate): try EvaluateExecution.run(evaluate, input)
        case .backtest(let backtest): try BacktestExecution.run(backtest, input)
        case .select(let select): try SelectExecution.run(select, input)
        case .register(let register): try RegisterExecution.run(register, input)
        case .report(let report): try ReportExecution.run(report, input)
        }
    }

    /// How many cores the stage keeps busy: the LSTM trains on two threads
    /// (`LSTMNetwork`'s paired worker), everything else on one.
    static func threadDemand(_ stage: PlannedStage) -> Int {
        if case .train(let train) = stage.section, train.model.kind == .lstm { return 2 }
        return 1
    }
}
