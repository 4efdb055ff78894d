import Foundation

/// `autoscale pipeline run` flags, typed.
public struct PipelineRunOptions: Sendable {
    /// Stages run at once at most this many threads (`--jobs`, default: the cores).
    public var jobs: Int
    /// `--force`: every stage (`.all`), or these stage names / instance ids.
    public var force: ForceSelection
    /// `--dry-run`: say what would run, run nothing, record nothing.
    public var dryRun: Bool
    /// `--experiment`; nil: the pipeline's name.
    public var experiment: String?
    /// The pipeline file, as given (recorded on the parent run).
    public var file: String
    /// `--set k=v` as given (recorded as params `set.k`).
    public var overrides: [String: String]
    /// `--workers`, `--stale-after`: how sweep stages run their trials.
    public var sweep: SweepSettings

    public init(file: String, jobs: Int = ProcessInfo.processInfo.activeProcessorCount, force: ForceSelection = .none,
                dryRun: Bool = false, experiment: String? = nil, overrides: [String: String] = [:],
                sweep: SweepSettings = SweepSettings()) {
        self.file = file
        self.sweep = sweep
        self.jobs = max(1, jobs)
        self.force = force
        self.dryRun = dryRun
        self.experiment = experiment
        self.overrides = overrides
    }
}

public enum ForceSelection: Sendable, Equatable {
    case none
    case all
    /// Stage names (`train`: all its instances) or instance ids (`train@cpu-lstm`).
    case stages([String])

    func includes(_ stage: PlannedStage) -> Bool {
        switch self {
        case .none: false
        case .all: true
        case .stages(let names): names.contains(stage.name) || names.contains(stage.id)
        }
    }
}
