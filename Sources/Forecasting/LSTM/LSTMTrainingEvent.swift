/// What training reports as it goes; the Pipeline turns these into logged metrics and
/// the CLI into a progress bar. Losses are per horizon, in the order of the horizons.
public enum LSTMTrainingEvent: Sendable, Equatable {
    /// After each optimiser step: weighted total training loss of the batch.
    case batch(epoch: Int, batch: Int, batches: Int, loss: Double)
    case epoch(LSTMEpochSummary)
    /// The epochs used up the `maxMinutes` budget: training stops after `epochsRun` epochs
    /// and keeps the weights of `bestEpoch` (sent just before `.finished`).
    case stoppedOnBudget(minutes: Double, epochsRun: Int, bestEpoch: Int)
    /// Training ended (early stop or last epoch); the best epoch's weights were restored.
    case finished(bestEpoch: Int, bestValidationLoss: Double, epochsRun: Int)
}

public struct LSTMEpochSummary: Sendable, Equatable {
    /// 1-based.
    public let epoch: Int
    public let epochs: Int
    /// Mean training loss per horizon (with dropout active), and their weighted sum.
    public let trainLoss: [Double]
    public let trainTotal: Double
    /// Validation loss per horizon (no dropout), and the weighted sum early stopping watches.
    public let validationLoss: [Double]
    public let validationTotal: Double
    public let learningRate: Double
    /// Seconds this epoch took.
    public let seconds: Double
    /// Whether this epoch set a new best validation loss (and was checkpointed).
    public let improved: Bool
}
