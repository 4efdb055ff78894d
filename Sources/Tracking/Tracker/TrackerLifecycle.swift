import Foundation

/// The lifecycle operations MLflow's REST API needs beyond `Tracker` (which the pipelines
/// log through): renaming, soft deletion and restoration of experiments and runs, removing a
/// tag, renaming a registered model. `Registry` implements both protocols; nothing is ever
/// erased (deletion sets a time, restoring clears it).
public protocol TrackerLifecycle: Sendable {
    /// Creates an empty live experiment; `TrackingError.invalidName` when the name is taken.
    func createExperiment(_ name: String) throws -> ExperimentInfo

    /// Renames an experiment; `invalidName` when the new name is taken.
    func renameExperiment(id: Int64, to name: String) throws

    /// Soft-deletes (`deleted = true`) or restores an experiment by id.
    func setExperimentDeleted(id: Int64, _ deleted: Bool) throws

    /// Soft-deletes or restores a run: a deleted run is hidden from searches (`DeletionView.live`).
    func setRunDeleted(_ run: RunID, _ deleted: Bool) throws

    /// Renames a run.
    func renameRun(_ run: RunID, to name: String) throws

    /// Sets a run's status with an explicit end time (seconds since 1970); nil leaves it to the clock.
    func setStatus(run: RunID, _ status: RunStatus, endTime: Double?) throws

    /// Removes one tag of a run; `TrackingError.invalidName` when the run has no such tag.
    func deleteTag(run: RunID, key: String) throws

    /// Renames a registered model (versions, aliases and history follow it).
    func renameModel(_ name: String, to newName: String) throws

    /// Registers a model with no versions yet; `invalidName` when the name is taken.
    func createModel(_ name: String) throws

    /// Removes an alias of a model (its past moves stay in the alias history); `aliasNotFound` when absent.
    func deleteAlias(model: String, alias: String) throws
}

/// An experiment with its integer id (MLflow's `experiment_id`), live or soft-deleted.
public struct ExperimentInfo: Codable, Sendable, Equatable {
    public var id: Int64
    public var name: String
    /// Seconds since 1970 UTC.
    public var created: Double
    /// The soft-deletion time; nil for a live experiment.
    public var deleted: Double?
    /// The latest start, end or heartbeat of its runs; its creation when it has none.
    public var lastActivity: Double
}

/// An experiment's identity without its runs: what `Registry.experimentKeys` reads.
public struct ExperimentKey: Codable, Sendable, Equatable {
    public var id: Int64
    public var name: String
    /// The soft-deletion time; nil for a live experiment.
    public var deleted: Double?

    public init(id: Int64, name: String, deleted: Double?) {
        self.id = id
        self.name = name
        self.deleted = deleted
    }
}
