import ArgumentParser
import Forecasting

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

    /// `spec` with these options applied and training progress sent to `bar`.
    func apply(to spec: ModelSpec, progress bar: ProgressBar) -> ModelSpec {
        guard case .lstm(var forecaster) = spec else { return spec }
        if let epochs { forecaster.configuration.training.epochs = epochs }
        if let seed { forecaster.configuration.training.seed = seed }
        if let checkpoint { forecaster.hooks.checkpoint = LSTMCheckpointFile(path: checkpoint).sink }
        let epochCount = forecaster.configuration.training.epochs
        forecaster.hooks.events = { event in
            switch event {
            case .batch(let epoch, let batch, let batches, let loss):
                bar.update(
                    done: (epoch - 1) * batches + batch, total: epochCount * batches,
                    label: "epoch \(epoch)/\(epochCount) batch \(batch)/\(batches) loss \(String(format: "%.4f", loss))")
            case .epoch, .finished:
                break
            }
        }
        return .lstm(forecaster)
    }
}
