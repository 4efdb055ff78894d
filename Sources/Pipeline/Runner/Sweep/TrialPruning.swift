import Forecasting
import Foundation
import Tracking

/// The stop signal of one LSTM trial under `pruning:` (ASHA): after each epoch, the trial's
/// validation loss (`val_loss`, the weighted total early stopping watches) is compared with
/// the per-epoch `val_loss` of every other trial of the sweep, read from the registry
/// (`Tracker.trials(sweep:)` for their runs, `metricHistories(runs:key:)` for the values),
/// by `SuccessiveHalvingPruner.shouldPrune`. Training calls it from its own thread; a read
/// that fails keeps the trial going and is rethrown by `check()` after training.
final class TrialPruning: @unchecked Sendable {
    let pruner: SuccessiveHalvingPruner
    let tracker: any Tracker
    let sweep: RunID
    let trial: Int
    private let lock = NSLock()
    private var failure: (any Error)?
    private var pruned: (epoch: Int, decision: PruneDecision)?

    init(pruner: SuccessiveHalvingPruner, tracker: any Tracker, sweep: RunID, trial: Int) {
        self.pruner = pruner
        self.tracker = tracker
        self.sweep = sweep
        self.trial = trial
    }

    /// The epoch and the pruner's decision that stopped the trial; nil while it runs on.
    var decision: (epoch: Int, decision: PruneDecision)? { lock.withLock { pruned } }

    /// `TrainingHooks.shouldStop`.
    func shouldStop(_ summary: LSTMEpochSummary) -> Bool {
        do {
            let others = try tracker.trials(sweep: sweep).filter { $0.number != trial }.compactMap(\.run)
            let histories = try tracker.metricHistories(runs: others, key: "val_loss")
            let values = histories.values.map { points in
                Dictionary(points.map { (Int($0.step), $0.value) }, uniquingKeysWith: { first, _ in first })
            }
            let decision = pruner.shouldPrune(trialNumber: trial, step: summary.epoch, value: summary.validationTotal,
                                              intermediateValuesOfOtherTrials: values)
            guard decision.prune else { return false }
            lock.withLock { pruned = (summary.epoch, decision) }
            return true
        } catch {
            lock.withLock { if failure == nil { failure = error } }
            return false
        }
    }

    /// Rethrows the first failure to read the other trials, if any.
    func check() throws {
        if let failure = lock.withLock({ failure }) { throw failure }
    }
}
