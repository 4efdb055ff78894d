import Forecasting

/// `training:` — the LSTM training loop (EVALUATION.md §7 defaults: Adam, lr 1e-3,
/// batch 32, ≤ 100 epochs, patience 15, Σ w_h·MSE_h with w = 1.0 / 1.5 / 1.0).
public struct TrainingSection: Sendable, Equatable {
    public var epochs: Int
    public var batchSize: Int
    public var learningRate: Double
    public var optimizer: OptimizerKind
    /// Epochs without validation improvement before stopping.
    public var patience: Int
    public var lossFunction: LossFunction
    /// One non-negative weight per entry of `data.prediction_horizons`.
    public var horizonWeights: [Double]
    /// Seed of the `SplitMix64` that initialises weights and shuffles batches.
    public var seed: UInt64
    /// Training windows drawn per epoch (`LSTMTrainingOptions.samplesPerEpoch`); 0 = all.
    public var samplesPerEpoch: Int
    /// Validation windows scored, evenly spaced (`LSTMTrainingOptions.validationSamples`); 0 = all.
    public var validationSamples: Int
    /// Training time budget in minutes (`LSTMTrainingOptions.maxMinutes`); 0 = none.
    public var maxMinutes: Double

    public init(
        epochs: Int = 100, batchSize: Int = 32, learningRate: Double = 0.001, optimizer: OptimizerKind = .adam,
        patience: Int = 15, lossFunction: LossFunction = .mse,
        horizonWeights: [Double] = TrainingSection.referenceHorizonWeights, seed: UInt64 = 42,
        samplesPerEpoch: Int = LSTMTrainingOptions.defaultSamplesPerEpoch,
        validationSamples: Int = LSTMTrainingOptions.defaultValidationSamples,
        maxMinutes: Double = TrainingSection.defaultMaxMinutes
    ) {
        self.samplesPerEpoch = samplesPerEpoch
        self.validationSamples = validationSamples
        self.maxMinutes = maxMinutes
        self.epochs = epochs
        self.batchSize = batchSize
        self.learningRate = learningRate
        self.optimizer = optimizer
        self.patience = patience
        self.lossFunction = lossFunction
        self.horizonWeights = horizonWeights
        self.seed = seed
    }

    public static let defaults = TrainingSection()

    /// The config's training budget: 2.5 minutes, so the default LSTM on 14 days of 15-second
    /// data (reading, training, scoring) finishes within 3 minutes on 2 cores; see
    /// docs/ARCHITECTURE.md, "LSTM training time". `--model lstm` without a config has none.
    public static let defaultMaxMinutes: Double = 2.5

    /// The reference weights for the three reference horizons 5/15/30 min.
    public static let referenceHorizonWeights: [Double] = [1.0, 1.5, 1.0]

    /// Weights used when `horizon_weights` is omitted: the reference weights when there
    /// are three horizons, otherwise 1 for each of the `count` horizons.
    public static func defaultHorizonWeights(count: Int) -> [Double] {
        count == referenceHorizonWeights.count ? referenceHorizonWeights : Array(repeating: 1, count: count)
    }

    enum Key: String, CaseIterable {
        case epochs, batchSize = "batch_size", learningRate = "learning_rate", optimizer, patience
        case lossFunction = "loss_function", horizonWeights = "horizon_weights", seed
        case samplesPerEpoch = "samples_per_epoch", validationSamples = "validation_samples", maxMinutes = "max_minutes"
    }

    /// `horizonCount` is the number of `data.prediction_horizons`, which the weights must match.
    init(decoding m: ConfigMapping<Key>, horizonCount: Int) throws(ConfigError) {
        let d = Self.defaults
        epochs = try m.int(.epochs, default: d.epochs).requiring({ $0 >= 1 }, "train for at least 1 epoch")
        batchSize = try m.int(.batchSize, default: d.batchSize).requiring({ $0 >= 1 }, "use a batch of at least 1 sample")
        learningRate = try m.double(.learningRate, default: d.learningRate)
            .requiring({ $0 > 0 }, "use a positive learning rate, e.g. 0.001")
        optimizer = try m.choice(.optimizer, default: d.optimizer).value
        patience = try m.int(.patience, default: d.patience).requiring({ $0 >= 0 }, "use a patience of 0 or more epochs")
        lossFunction = try m.choice(.lossFunction, default: d.lossFunction).value
        horizonWeights = try m.doubles(.horizonWeights, default: Self.defaultHorizonWeights(count: horizonCount))
            .checking({ $0.count == horizonCount },
                      "give one weight per prediction horizon (\(horizonCount) here)")
            .requiring({ $0.allSatisfy { $0 >= 0 } }, "use non-negative weights")
        seed = UInt64(try m.int(.seed, default: Int(d.seed)).requiring({ $0 >= 0 }, "use a seed ≥ 0"))
        samplesPerEpoch = try m.int(.samplesPerEpoch, default: d.samplesPerEpoch)
            .requiring({ $0 >= 0 }, "use 0 (all windows) or a positive count, e.g. 8192")
        validationSamples = try m.int(.validationSamples, default: d.validationSamples)
            .requiring({ $0 >= 0 }, "use 0 (all windows) or a positive count, e.g. 2048")
        maxMinutes = try m.double(.maxMinutes, default: d.maxMinutes)
            .requiring({ $0 >= 0 }, "use 0 (no budget) or a positive number of minutes, e.g. 2.5")
    }
}
