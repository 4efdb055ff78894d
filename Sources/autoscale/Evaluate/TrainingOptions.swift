import Foundation
import ArgumentParser
import Forecasting
import Pipeline

/// Flags for models that train (today the LSTM); other models ignore them.
struct TrainingOptions: ParsableArguments {
    @Option(help: "Most epochs to train the LSTM (early stopping may end sooner; default 100); for nhits, validation checks of 50 steps (default 20).")
    var epochs: Int?

    @Option(help: "Seed of the LSTM's initialisation, shuffling and dropout (default 42); nhits: initialisation and windows (default 1).")
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

    /// Training hooks for `spec`: progress sent to `bar` (`TrainingProgress`) and, with
    /// `--checkpoint`, the best epoch so far kept in that file. Silent for models that do not train.
    func hooks(for spec: ModelSpec, progress bar: ProgressBar) -> TrainingHooks {
        var hooks = TrainingProgress.hooks(for: spec, bar: bar)
        if let checkpoint, spec.settings is LSTMConfiguration { hooks.checkpoint = LSTMCheckpointFile(path: checkpoint).sink }
        return hooks
    }
}
