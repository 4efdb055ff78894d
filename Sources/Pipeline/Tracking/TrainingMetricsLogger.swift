import Forecasting
import Foundation
import Tracking

/// Turns training events into per-epoch metrics of a run as they happen (step = epoch):
/// `train_loss`, `val_loss` (the weighted totals early stopping watches), `learning_rate`
/// and `epoch_seconds`. Events cannot throw, so the first logging failure is kept and
/// `check()` rethrows it after training; nothing is dropped silently.
final class TrainingMetricsLogger: @unchecked Sendable {
    let tracker: any Tracker
    let run: RunID
    private let lock = NSLock()
    private var failure: (any Error)?
    private var summaries: [LSTMEpochSummary] = []

    /// Every epoch seen so far, in order.
    var epochs: [LSTMEpochSummary] { lock.withLock { summaries } }

    init(tracker: any Tracker, run: RunID) {
        self.tracker = tracker
        self.run = run
    }

    /// `base` with every event also logged.
    func hooks(wrapping base: TrainingHooks) -> TrainingHooks {
        var hooks = base
        hooks.events = { [self] event in
            base.events(event)
            guard case .epoch(let summary) = event else { return }
            lock.withLock { summaries.append(summary) }
            let step = Int64(summary.epoch)
            let points = [
                MetricPoint(key: "train_loss", value: summary.trainTotal, step: step),
                MetricPoint(key: "val_loss", value: summary.validationTotal, step: step),
                MetricPoint(key: "learning_rate", value: summary.learningRate, step: step),
                MetricPoint(key: "epoch_seconds", value: summary.seconds, step: step),
            ]
            do {
                try tracker.logMetrics(run: run, points)
            } catch {
                lock.withLock { if failure == nil { failure = error } }
            }
        }
        return hooks
    }

    /// Rethrows the first failure to log an epoch, if any.
    func check() throws {
        if let failure = lock.withLock({ failure }) { throw failure }
    }
}
