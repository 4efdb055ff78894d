/// Where a sweep trial is in its life; the database enforces the same five values (CHECK).
///
/// `queued` → `running` (claimed by a worker) → `complete`, `pruned` or `failed`. A running trial
/// whose worker stops heartbeating goes back to `queued` (see `Tracker.claimTrial`).
public enum TrialState: String, Codable, Sendable, CaseIterable {
    case queued, running, complete, pruned, failed

    /// Complete, pruned and failed trials are never claimed again.
    public var isFinal: Bool { self == .complete || self == .pruned || self == .failed }

    /// The status `finishTrial` gives the trial's run when it is still RUNNING:
    /// FINISHED for complete and pruned trials (they ended as planned), FAILED for failed ones.
    var runStatus: RunStatus? {
        switch self {
        case .complete, .pruned: return .finished
        case .failed: return .failed
        case .queued, .running: return nil
        }
    }
}

/// One trial of a sweep as stored: what the sampler reads back as history and the summary prints.
public struct SweepTrial: Codable, Sendable, Equatable {
    /// The sweep's parent run.
    public var sweep: RunID
    /// 0, 1, 2 … unique within the sweep; claims take the lowest queued number first.
    public var number: Int
    /// The sampler's proposal, canonical JSON text.
    public var params: String
    public var state: TrialState
    /// The child run executing (or that executed) the trial; nil while queued or before `attachRun`.
    public var run: RunID?
    /// The worker holding (or that last held) the trial; nil while queued.
    public var worker: String?
    public var claimedAt: Double?
    /// The trial's own heartbeat (claim, `heartbeatTrial`, `attachRun`, `finishTrial`).
    public var heartbeatAt: Double?
    public var finishedAt: Double?
    /// The objective reported by `finishTrial` (complete or pruned trials only).
    public var objective: Double?
    /// How many times the trial was claimed: 1 on its first run, 2 after one requeue, …
    public var attempts: Int

    public init(sweep: RunID, number: Int, params: String, state: TrialState, run: RunID?, worker: String?,
                claimedAt: Double?, heartbeatAt: Double?, finishedAt: Double?, objective: Double?, attempts: Int) {
        self.sweep = sweep
        self.number = number
        self.params = params
        self.state = state
        self.run = run
        self.worker = worker
        self.claimedAt = claimedAt
        self.heartbeatAt = heartbeatAt
        self.finishedAt = finishedAt
        self.objective = objective
        self.attempts = attempts
    }
}

/// A trial a worker now holds. `attempt` fences the claim: `heartbeatTrial`, `attachRun` and
/// `finishTrial` succeed only while the trial is still running under this attempt, so a worker
/// that was presumed dead (and whose trial was requeued and claimed again) learns it with
/// `TrackingError.trialClaimLost` instead of overwriting the new claim.
public struct ClaimedTrial: Codable, Sendable, Equatable {
    public var sweep: RunID
    public var number: Int
    /// The sampler's proposal, canonical JSON text.
    public var params: String
    public var worker: String
    /// Which claim of the trial this is: 1 for the first, 2 after one requeue, …
    public var attempt: Int
    public var claimedAt: Double
    /// Trials of this sweep that this claim found abandoned and put back in the queue
    /// (their RUNNING runs now KILLED), in number order.
    public var requeued: [Int]

    public init(sweep: RunID, number: Int, params: String, worker: String, attempt: Int, claimedAt: Double, requeued: [Int]) {
        self.sweep = sweep
        self.number = number
        self.params = params
        self.worker = worker
        self.attempt = attempt
        self.claimedAt = claimedAt
        self.requeued = requeued
    }
}
