import Tracking

/// How a sweep stage runs its trials in this invocation (`pipeline run --workers N
/// --stale-after S`): not part of the stage's cache key, so the same sweep can be run, and
/// resumed, with any number of workers.
public struct SweepSettings: Sendable {
    /// Processes claiming trials of one sweep, this one included (≥ 1). With N > 1,
    /// `launch` starts N − 1 extra workers.
    public var workers: Int
    /// Seconds without a heartbeat after which a trial's worker is presumed dead: its
    /// trial goes back to the queue on the next claim and its run reads KILLED
    /// (default: the registry's window, `Registry.defaultStaleAfter`).
    public var staleAfter: Double
    /// Starts one extra worker process; nil when this invocation cannot start any (then
    /// `workers` > 1 is `SweepRunError.noWorkerLauncher`).
    public var launch: (@Sendable (SweepWorkerRequest) throws -> any SweepWorkerProcess)?
    /// Test knob: the worker that first claims this trial number attaches its run, calls
    /// `onHold` and then waits until it is killed (so a test can kill -9 a worker inside a
    /// trial). Extra worker processes get it too.
    public var holdTrial: Int?
    public var onHold: @Sendable (_ trial: Int, _ run: RunID) -> Void

    public init(workers: Int = 1, staleAfter: Double = Registry.defaultStaleAfter,
                launch: (@Sendable (SweepWorkerRequest) throws -> any SweepWorkerProcess)? = nil,
                holdTrial: Int? = nil, onHold: @escaping @Sendable (Int, RunID) -> Void = { _, _ in }) {
        self.workers = max(1, workers)
        self.staleAfter = staleAfter
        self.launch = launch
        self.holdTrial = holdTrial
        self.onHold = onHold
    }

    /// How often a worker heartbeats its trial's run and the sweep's run: a quarter of the
    /// stale window, at most 15 s and at least 0.05 s.
    var heartbeatSeconds: Double { min(15, max(0.05, staleAfter / 4)) }

    /// How often a worker whose budget is spent looks again while trials run elsewhere (one
    /// may come back to the queue): a quarter of the stale window, at most 1 s.
    var pollSeconds: Double { min(1, max(0.05, staleAfter / 4)) }
}

/// What an extra worker process needs to join a sweep: `autoscale pipeline worker FILE
/// --sweep RUN --stage ID --input-key KEY --worker NAME --experiment E` (the spec file, its
/// `--set` values and the registry are the launcher's).
public struct SweepWorkerRequest: Sendable, Equatable {
    /// The sweep's run.
    public var sweep: RunID
    /// The sweep stage's instance id (`train`, `train@cpu`).
    public var stage: String
    /// Cache key of the split or window the stage reads.
    public var inputKey: String
    /// The worker's name in the trial queue (`<sweep short id>-w1`, …).
    public var worker: String
    public var experiment: String

    public init(sweep: RunID, stage: String, inputKey: String, worker: String, experiment: String) {
        self.sweep = sweep
        self.stage = stage
        self.inputKey = inputKey
        self.worker = worker
        self.experiment = experiment
    }
}

/// An extra worker process the sweep waits for.
public protocol SweepWorkerProcess: Sendable {
    /// Blocks until the process ends; its exit status (a signal's number when killed).
    func waitForExit() -> Int32
}
