import Forecasting
import Foundation

/// Training events of a model that trains (the LSTM), shown by a `ProgressBar`: the running
/// epoch and batch with the last and best validation loss as the bar's activity, and one
/// line per finished epoch for logs.
enum TrainingProgress {
    /// Hooks that report to `bar`; `.silent` for models that do not train.
    static func hooks(for spec: ModelSpec, bar: ProgressBar) -> TrainingHooks {
        guard let configuration = spec.settings as? LSTMConfiguration else { return .silent }
        var hooks = TrainingHooks(now: TrainingHooks.monotonicSeconds)
        let epochCount = configuration.training.epochs
        let validation = LastValidation()
        hooks.events = { event in
            switch event {
            case .batch(let epoch, let batch, let batches, let loss):
                bar.update(activity: "epoch \(epoch)/\(epochCount) batch \(batch)/\(batches) loss \(String(format: "%.4f", loss))\(validation.text)")
            case .epoch(let summary):
                validation.record(summary)
                let losses = String(format: "train %.5f  val %.5f", summary.trainTotal, summary.validationTotal)
                bar.line("  epoch \(summary.epoch)/\(summary.epochs)  \(losses)\(summary.improved ? " (best)" : "")  "
                    + String(format: "%.1f s", summary.seconds))
            case .stoppedOnBudget(let minutes, let epochsRun, let bestEpoch):
                bar.line("  stopped on the time budget (training.max_minutes \(minutes)) after epoch \(epochsRun); keeping the weights of epoch \(bestEpoch)")
            case .finished:
                break
            }
        }
        return hooks
    }
}

/// The last epoch's validation loss and the best so far, for the progress label; written
/// by the training thread's events, read when the bar redraws.
private final class LastValidation: @unchecked Sendable {
    private let lock = NSLock()
    private var last: Double?
    private var best: (epoch: Int, loss: Double)?

    func record(_ summary: LSTMEpochSummary) {
        lock.withLock {
            last = summary.validationTotal
            if best.map({ summary.validationTotal < $0.loss }) ?? true { best = (summary.epoch, summary.validationTotal) }
        }
    }

    /// " val 0.0123 (best 0.0119 @ 4)", or "" before the first epoch ends.
    var text: String {
        lock.withLock {
            guard let last, let best else { return "" }
            return String(format: " val %.4f (best %.4f @ %d)", last, best.loss, best.epoch)
        }
    }
}
