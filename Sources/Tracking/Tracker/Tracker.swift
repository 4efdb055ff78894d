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

    /// Reads the file at `file` and logs it like `logArtifact(run:name:kind:data:)`.
    public func logArtifact(run: RunID, name: String, kind: String, file: URL) throws -> ArtifactReference {
        try logArtifact(run: run, name: name, kind: kind, data: Data(contentsOf: file))
    }
}
