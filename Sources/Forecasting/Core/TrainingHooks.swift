import Dispatch

/// What a training run reports while it fits, passed to `fit` / `evaluate` beside a
/// model's settings and never stored in them (settings stay Codable and Hashable):
/// events as training goes (batches, epochs with their losses, the end), a monotonic
/// clock in seconds for the epoch timings, and an optional checkpoint sink that receives
/// the family's state of every new best epoch (today the LSTM's `LSTMArtifact`;
/// `LSTMCheckpointFile.sink` keeps it in a file), and an optional stop signal asked after
/// every epoch (a sweep's pruner stops a trial whose validation loss trails the others').
/// Models that do not train ignore them.
public struct TrainingHooks: Sendable {
    public var events: @Sendable (LSTMTrainingEvent) -> Void
    public var now: @Sendable () -> Double
    public var checkpoint: (@Sendable (LSTMArtifact) throws -> Void)?
    /// Asked after each epoch, once its `.epoch` event has been sent: true stops training
    /// there, as early stopping does (the best epoch's weights so far are kept, then
    /// `.finished` is sent). Default: never.
    public var shouldStop: @Sendable (LSTMEpochSummary) -> Bool

    public init(events: @escaping @Sendable (LSTMTrainingEvent) -> Void = { _ in },
                now: @escaping @Sendable () -> Double,
                checkpoint: (@Sendable (LSTMArtifact) throws -> Void)? = nil,
                shouldStop: @escaping @Sendable (LSTMEpochSummary) -> Bool = { _ in false }) {
        self.events = events
        self.now = now
        self.checkpoint = checkpoint
        self.shouldStop = shouldStop
    }

    /// No events, no checkpoints; epochs are timed by the monotonic clock (the timings go
    /// nowhere, so the choice of clock does not matter here).
    public static let silent = TrainingHooks(now: monotonicSeconds)

    /// Seconds of monotonic uptime (the default clock; `main` may inject another).
    @Sendable public static func monotonicSeconds() -> Double {
        Double(DispatchTime.now().uptimeNanoseconds) * 1e-9
    }
}
