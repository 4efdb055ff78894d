import Forecasting

/// How a stage ended in one `pipeline run`.
public enum StageOutcome: Sendable, Equatable {
    /// Ran, in this many seconds.
    case executed(seconds: Double)
    /// Its cache entry was up to date.
    case reused
    case failed(reason: String)
    /// Not run because a stage it needs failed.
    case skipped(failedInput: String)
    /// `--dry-run`: would run.
    case wouldRun

    /// `executed`, `reused`, `failed: …`, as the parent run's `stage.<id>` tag.
    public var tag: String {
        switch self {
        case .executed: "executed"
        case .reused: "reused"
        case .failed(let reason): "failed: \(reason)"
        case .skipped(let input): "skipped: \(input) failed"
        case .wouldRun: "would run"
        }
    }
}

/// What the runner reports while it works (the executable draws progress from it). Called
/// from worker threads; implementations must be thread-safe.
public struct PipelineEvents: Sendable {
    /// The number of stage instances, once, before any stage starts.
    public var planned: @Sendable (_ stages: Int) -> Void = { _ in }
    public var started: @Sendable (_ stage: String) -> Void
    public var finished: @Sendable (_ stage: String, _ outcome: StageOutcome) -> Void
    public var training: @Sendable (_ stage: String, _ event: LSTMTrainingEvent) -> Void

    public init(planned: @escaping @Sendable (Int) -> Void = { _ in },
                started: @escaping @Sendable (String) -> Void = { _ in },
                finished: @escaping @Sendable (String, StageOutcome) -> Void = { _, _ in },
                training: @escaping @Sendable (String, LSTMTrainingEvent) -> Void = { _, _ in }) {
        self.planned = planned
        self.started = started
        self.finished = finished
        self.training = training
    }

    public static let silent = PipelineEvents()
}
