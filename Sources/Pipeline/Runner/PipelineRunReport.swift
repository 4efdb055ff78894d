import Tracking

/// What `pipeline run` did: every stage's outcome, the parent run, the reports' tables and
/// the versions registered (`--json` prints it).
public struct PipelineRunReport: Sendable, Encodable {
    public struct Stage: Sendable, Encodable {
        public var id: String
        public var kind: String
        /// executed | reused | failed | skipped | would run
        public var outcome: String
        public var reason: String?
        public var seconds: Double?
        public var key: String?
    }

    public var pipeline: String
    public var experiment: String
    /// The parent run; nil for `--dry-run`.
    public var run: RunID?
    public var stages: [Stage]
    public var reports: [String]
    public var registered: [RegisterProduct]
    /// One per sweep stage that succeeded (executed or reused), in plan order.
    public var sweeps: [SweepSummary] = []
    public var seconds: Double

    public var executed: Int { stages.filter { $0.outcome == "executed" }.count }
    public var reused: Int { stages.filter { $0.outcome == "reused" }.count }
    public var failed: [Stage] { stages.filter { $0.outcome == "failed" } }
    public var skipped: [Stage] { stages.filter { $0.outcome == "skipped" } }
}

extension PipelineRunReport.Stage {
    init(_ stage: PlannedStage, outcome: StageOutcome, key: String?) {
        id = stage.id
        kind = stage.kind.rawValue
        self.key = key
        switch outcome {
        case .executed(let seconds): self.outcome = "executed"; self.seconds = seconds
        case .reused: self.outcome = "reused"
        case .failed(let reason): self.outcome = "failed"; self.reason = reason
        case .skipped(let input): self.outcome = "skipped"; self.reason = "\(input) failed"
        case .wouldRun: self.outcome = "would run"
        }
    }
}
