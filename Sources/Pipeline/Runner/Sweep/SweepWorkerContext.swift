import Forecasting
import Series
import Tracking

/// Everything one worker (the pipeline's own process or an extra `pipeline worker`
/// process) needs to claim and run trials of one sweep.
struct SweepWorkerContext: Sendable {
    let tracker: any Tracker
    /// The sweep's run: the parent of every trial run, the key of the trial queue.
    let sweepRun: RunID
    /// The stage's instance id (`train`, `train@cpu`).
    let stageID: String
    let stage: TrainStage
    let sweep: SweepSpec
    let split: SplitProduct
    /// Minutes the trials fit and score (the window stage's, else the config's).
    let horizons: [Int]
    let experiment: String
    let pipeline: String
    /// This worker's name in the queue.
    let worker: String
    let settings: SweepSettings
    let events: PipelineEvents
}
