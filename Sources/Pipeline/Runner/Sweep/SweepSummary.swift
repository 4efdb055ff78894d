import Tracking

/// A sweep as `pipeline run` prints it (one table per sweep stage, also in `--json`): every
/// trial with its parameters, objective, status, epochs and seconds, and the best trial.
/// Kept in the stage's `TrainProduct`, so a reused sweep stage shows it too.
public struct SweepSummary: Codable, Sendable, Equatable {
    public struct Trial: Codable, Sendable, Equatable {
        public var number: Int
        /// `model.hidden_size=4, training.learning_rate=0.01`, in the search space's order.
        public var params: String
        /// The objective's metric (not negated); nil for failed trials.
        public var objective: Double?
        /// `complete`, `pruned`, `failed` (`queued` / `running` only if the sweep was cut short).
        public var status: String
        /// Epochs trained (LSTM); nil for models that do not train for epochs.
        public var epochs: Int?
        /// Wall time of the trial, claim to finish.
        public var seconds: Double?
        public var run: RunID?
        /// How many times the trial was claimed (2 or more after a worker died in it).
        public var attempts: Int
    }

    /// The stage's instance id.
    public var stage: String
    /// The sweep's run (parent of the trial runs).
    public var sweep: RunID
    /// `min metrics.val_mae_15m`.
    public var objective: String
    public var method: String
    public var bestTrial: Int
    public var bestRun: RunID
    public var trials: [Trial]
}
