import Foundation

/// The tracking surface other rooms (the Pipeline) log through.
///
/// `Registry` implements it over a SQLite file (`Registry.open`) or over a private in-memory
/// database (`Registry.inMemory`, for tests). Every call is one transaction: it either happens
/// completely or not at all.
public protocol Tracker: Sendable {
    /// Starts a RUNNING run in `spec.experiment` (created on first use) and returns its id.
    func createRun(_ spec: RunSpec) throws -> RunID

    /// The one write primitive for params, metrics and tags, applied in a single transaction.
    /// Params are write-once: re-logging the same value is accepted, a different one throws
    /// `TrackingError.paramConflict` and nothing of the batch is written. Tags overwrite.
    /// Metrics append; the latest value per key is kept in the same transaction. Also heartbeats.
    func logBatch(run: RunID, params: [String: String], metrics: [MetricPoint], tags: [String: String]) throws

    /// Sets the status; FINISHED, FAILED and KILLED also set the end time.
    func setStatus(run: RunID, _ status: RunStatus) throws

    /// Records that the run's process is alive. A RUNNING run whose heartbeat goes stale reads as KILLED.
    func heartbeat(run: RunID) throws

    /// Stores `data` content-addressed (temp file, fsync, rename) and records it under `name`.
    func logArtifact(run: RunID, name: String, kind: String, data: Data) throws -> ArtifactReference

    /// Registers a new immutable version of `model` from the run's model artifact and, if `alias`
    /// is given, moves the alias to it — all in one transaction.
    func promote(run: RunID, model: String, artifact: String?, alias: String?, reason: String?) throws -> Promotion

    /// The runs `search` selects (the `runs list --filter` language), for stages that choose
    /// among runs (a pipeline's `select`).
    func searchRuns(_ search: RunSearch) throws -> RunList

    /// Reads the artifact `name` of `run`, its SHA-256 verified (`artifactNotFound` lists the
    /// run's artifacts when there is none of that name). A sweep copies its best trial's model.
    func readArtifact(run: RunID, name: String) throws -> Data

    /// The version `alias` of `model` points at, with its artifact reference
    /// (`aliasNotFound` lists the model's aliases; `modelNotFound` lists the models). Serving
    /// resolves `NAME@alias` through it.
    func resolveAlias(model: String, alias: String) throws -> ModelSummary.Version

    /// Reads the artifact `reference` names, its SHA-256 verified against the registry
    /// (`artifactCorrupted` names both hashes). Serving loads a resolved version through it.
    func readArtifact(_ reference: ArtifactReference) throws -> Data

    /// Every logged value of metric `key` of each of `runs`, by step, in one read; runs without
    /// the key are left out. A sweep's pruner compares a trial's `val_loss` with the others'.
    func metricHistories(runs: [RunID], key: String) throws -> [RunID: [MetricHistory.Point]]

    // MARK: Sweep trial queue (docs/formats/registry.md#sweep_trials)

    /// Queues trial `number` (≥ 0) of the sweep whose parent run is `sweep`, with the sampler's
    /// `params` (a JSON object, canonical text). Idempotent: the same number with the same params
    /// again is a no-op returning false; other params for an existing number are
    /// `TrackingError.trialConflict`. Returns true when the trial was added.
    func enqueueTrial(sweep: RunID, number: Int, params: String) throws -> Bool

    /// First requeues the sweep's abandoned trials: running trials whose own heartbeat and whose
    /// run's heartbeat are both older than `staleAfter` seconds go back to `queued`, and their
    /// RUNNING runs become KILLED. Then claims the lowest-numbered queued trial for `worker` with a
    /// conditional UPDATE (so no two workers get the same trial) and counts the claim in `attempts`.
    /// Nil when nothing is queued. Use the registry's window (`Registry.defaultStaleAfter`, 120 s).
    func claimTrial(sweep: RunID, worker: String, staleAfter: Double) throws -> ClaimedTrial?

    /// Records that the worker holding claim `attempt` of the trial is alive; also heartbeats the
    /// trial's run. `TrackingError.trialClaimLost` when the trial was requeued or finished meanwhile.
    func heartbeatTrial(sweep: RunID, number: Int, attempt: Int) throws

    /// Records `run` (created by the caller with `RunSpec(parent: sweep)`) as the run executing the
    /// held trial. `runNotInSweep` when its parent is not the sweep, `trialClaimLost` as above.
    func attachRun(sweep: RunID, number: Int, attempt: Int, run: RunID) throws

    /// Ends the held trial as `complete`, `pruned` or `failed` with its `objective` (nil for failed;
    /// never NaN). Its run, if still RUNNING, ends in the same transaction: FINISHED for complete
    /// and pruned, FAILED for failed. Finished trials are never claimed again.
    func finishTrial(sweep: RunID, number: Int, attempt: Int, state: TrialState, objective: Double?) throws

    /// Every trial of the sweep in number order, as stored (the sampler's history, the summary table).
    func trials(sweep: RunID) throws -> [SweepTrial]
}

extension Tracker {
    public func logParam(run: RunID, key: String, value: String) throws {
        try logBatch(run: run, params: [key: value], metrics: [], tags: [:])
    }

    public func logMetric(run: RunID, key: String, value: Double, step: Int64 = 0, timestamp: Double? = nil) throws {
        try logBatch(run: run, params: [:], metrics: [MetricPoint(key: key, value: value, step: step, timestamp: timestamp)], tags: [:])
    }

    public func logMetrics(run: RunID, _ points: [MetricPoint]) throws {
        try logBatch(run: run, params: [:], metrics: points, tags: [:])
    }

    public func setTag(run: RunID, key: String, value: String) throws {
        try logBatch(run: run, params: [:], metrics: [], tags: [key: value])
    }

    /// `heartbeatTrial` for the trial `claim` holds.
    public func heartbeatTrial(_ claim: ClaimedTrial) throws {
        try heartbeatTrial(sweep: claim.sweep, number: claim.number, attempt: claim.attempt)
    }

    /// `attachRun` for the trial `claim` holds.
    public func attachRun(_ run: RunID, to claim: ClaimedTrial) throws {
        try attachRun(sweep: claim.sweep, number: claim.number, attempt: claim.attempt, run: run)
    }

    /// `finishTrial` for the trial `claim` holds.
    public func finishTrial(_ claim: ClaimedTrial, state: TrialState, objective: Double?) throws {
        try finishTrial(sweep: claim.sweep, number: claim.number, attempt: claim.attempt, state: state, objective: objective)
    }

    /// Reads the file at `file` and logs it like `logArtifact(run:name:kind:data:)`.
    public func logArtifact(run: RunID, name: String, kind: String, file: URL) throws -> ArtifactReference {
        try logArtifact(run: run, name: name, kind: kind, data: Data(contentsOf: file))
    }
}
