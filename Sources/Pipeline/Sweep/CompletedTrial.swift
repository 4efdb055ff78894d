/// A finished trial as a sampler sees it in the history the caller passes in.
///
/// `value` is the objective to *minimise* (the caller negates a `max` objective, see
/// `SweepObjective.minimised`): for a complete trial its final value, for a pruned trial
/// its last intermediate value, reported at `lastStep`. Failed trials (and complete trials
/// without a value) are ignored by every sampler, as Optuna ignores failed trials.
public struct CompletedTrial: Sendable, Hashable, Codable {
    public enum State: String, Sendable, Hashable, Codable, CaseIterable {
        case complete, pruned, failed
    }

    /// The trial number (0, 1, 2, … in the order trials were started); TPE's weights and
    /// the order of its groups follow it.
    public var number: Int
    public var parameters: TrialParameters
    public var value: Double?
    public var state: State
    /// For a pruned trial, the step (epoch) of `value`; nil when it reported none.
    public var lastStep: Int?

    public init(number: Int, parameters: TrialParameters, value: Double?, state: State, lastStep: Int? = nil) {
        self.number = number
        self.parameters = parameters
        self.value = value
        self.state = state
        self.lastStep = lastStep
    }
}
