import Forecasting
import Foundation
import Tracking

/// The stop signal of one LSTM trial under `pruning:` (ASHA): after each epoch, the trial's
/// best validation loss so far (`val_loss`, the weighted total early stopping watches) is
/// compared with the best-so-far `val_loss` of every other trial of the sweep at the same
/// epoch, read from the registry (`Tracker.trials(sweep:)` for their runs,
/// `metricHistories(runs:key:)` for the values), by `SuccessiveHalvingPruner.shouldPrune`.
/// Best so far, min over epochs 1…k, because a trial keeps its best epoch's weights: that is
/// the model it would deliver if stopped at epoch k, so an LSTM that overfits after a good
/// epoch is judged by that epoch, not by its latest (running minima keep ASHA's rule intact). Training calls it from its own thread; a read
/// that fails keeps the trial going and is rethrown by `check()` after training.
final class TrialPruning: @unchecked Sendable {
    let pruner: SuccessiveHalvingPruner
    let tracker: any Tracker
    let sweep: RunID
    let trial: Int
    private let lock = NSLock()
    private var failure: (any Error)?
    private var pruned: (epoch: Int, decision: PruneDecision)?
    private var best = Double.infinity

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
            let values = histories.values.map(Self.runningMinimum)
            let value = lock.withLock { () -> Double in
                // A NaN loss never lowers the minimum; before any finite one, NaN is passed on (pruned).
                if summary.validationTotal < best { best = summary.validationTotal }
                return best.isFinite ? best : summary.validationTotal
            }
            let decision = pruner.shouldPrune(trialNumber: trial, step: summary.epoch, value: value,
                                              intermediateValuesOfOtherTrials: values)
            guard decision.prune else { return false }
            lock.withLock { pruned = (summary.epoch, decision) }
            return true
        } catch {
            lock.withLock { if failure == nil { failure = error } }
            return false
        }
    }

    /// Epoch → the lowest value logged at that epoch or before (the first value of a repeated
    /// epoch counts; NaN never lowers the minimum).
    static func runningMinimum(_ points: [MetricHistory.Point]) -> [Int: Double] {
        var perEpoch: [Int: Double] = [:]
        for point in points where perEpoch[Int(point.step)] == nil { perEpoch[Int(point.step)] = point.value }
        var result: [Int: Double] = [:]
        var lowest = Double.infinity
        for epoch in perEpoch.keys.sorted() {
            let value = perEpoch[epoch]!
            if value < lowest { lowest = value }
            result[epoch] = lowest.isFinite ? lowest : value
        }
        return result
    }

    /// Rethrows the first failure to read the other trials, if any.
    func check() throws {
        if let failure = lock.withLock({ failure }) { throw failure }
    }
}
