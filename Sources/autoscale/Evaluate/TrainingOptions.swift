import Foundation
import ArgumentParser
import Forecasting
import Pipeline

/// Flags for models that train (today the LSTM); other models ignore them.
struct TrainingOptions: ParsableArguments {
    @Option(help: "Most epochs to train the LSTM (early stopping may end sooner; default 100).")
    var epochs: Int?

    @Option(help: "Seed of the LSTM's initialisation, shuffling and dropout (default 42).")
    var seed: UInt64?

    @Option(help: ArgumentHelp("Keep the LSTM's best epoch so far in this file (an artifact, replaced atomically at every new best epoch).",
                               valueName: "file"))
    var checkpoint: String?

    func validate() throws {
        if let epochs, epochs < 1 { throw ValidationError("--epochs \(epochs): train at least 1 epoch") }
        if let checkpoint { try LSTMCheckpointFile(path: checkpoint).checkWritable() }
    }

    /// The settings these flags override (`--epochs`, `--seed`).
    func overrides(_ base: ModelOverrides = ModelOverrides()) -> ModelOverrides {
        var overrides = base
        overrides.epochs = epochs
        overrides.seed = seed
        return overrides
    }

    /// Training hooks for `spec`: progress sent to `bar` and, with `--checkpoint`, the best
    /// epoch so far kept in that file. Silent for models that do not train.
    func hooks(for spec: ModelSpec, progress bar: ProgressBar) -> TrainingHooks {
        guard let configuration = spec.settings as? LSTMConfiguration else { return .silent }
        var hooks = TrainingHooks(now: TrainingHooks.monotonicSeconds)
        if let checkpoint { hooks.checkpoint = LSTMCheckpointFile(path: checkpoint).sink }
        let epochCount = configuration.training.epochs
        let validation = LastValidation()
        hooks.events = { event in
            switch event {
            case .batch(let epoch, let batch, let batches, let loss):
                bar.update(
                    done: (epoch - 1) * batches + batch, total: epochCount * batches,
                    label: "epoch \(epoch)/\(epochCount) batch \(batch)/\(batches) loss \(String(format: "%.4f", loss))\(validation.text)")
            case .epoch(let summary):
                validation.record(summary)
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
