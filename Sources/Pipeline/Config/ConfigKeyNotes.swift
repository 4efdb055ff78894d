import Forecasting
import Series

// One-line comments for every config key, written beside its value by `ConfigRenderer`
// (the shipped `Configs/*.yaml` and `autoscale config init|show`). Each section's `Key`
// switch is exhaustive, so a new key does not compile without its comment.

extension MetricConfig.Key {
    var note: String {
        switch self {
        case .formatVersion: "layout of this file; this build reads 1"
        case .metricName: "metric: \(MetricKind.allowedNames.joined(separator: " | ")); picks it in a long CSV"
        case .containerName: "container to read from a long CSV (--container wins)"
        case .data: "how a series is cut into samples"
        case .model: "which forecaster, and its hyperparameters"
        case .training: "the LSTM's training loop"
        case .preprocessing: "raw samples → modelled series (defaults depend on the metric)"
        case .features: "extra LSTM inputs beyond the 8 reference features"
        }
    }
}

extension DataSection.Key {
    var note: String {
        switch self {
        case .windowSize: "input window in grid steps (240 = 60 min at 15 s)"
        case .maxInputSteps: "LSTM reads longer windows as means of ⌈window/this⌉-step blocks"
        case .predictionHorizons: "forecast horizons in minutes"
        case .stride: "steps between training origins (evaluate requires 1)"
        case .trainSplit: "chronological train fraction (evaluate requires 0.7)"
        case .valSplit: "validation fraction (evaluate requires 0.15)"
        case .testSplit: "test fraction (evaluate requires 0.15)"
        case .normalization: "scaler fitted on train: \(ScalerKind.allCases.map(\.rawValue).joined(separator: " | "))"
        }
    }
}

extension ModelSection.Key {
    var note: String {
        switch self {
        case .modelType: "\(ModelType.allCases.map(\.rawValue).joined(separator: " | ")) (--model wins)"
        case .hiddenSize: "LSTM hidden units per direction"
        case .numLayers: "stacked LSTM layers"
        case .dropout: "dropout between LSTM layers and in the heads, in [0, 1)"
        case .bidirectional: "LSTM reads the window both ways"
        case .arima: "orders for model_type: arima (autoarima searches its own)"
        case .prophet: "the Prophet-style additive model"
        case .ensemble: "members and combination for model_type: ensemble"
        }
    }
}

extension ArimaSection.Key {
    var note: String {
        switch self {
        case .p: "autoregressive order"
        case .d: "differencing order: 0, 1 or 2"
        case .q: "moving-average order"
        case .seasonal: "daily season (autoarima only: autoarima-daily)"
        }
    }
}

extension EnsembleSection.Key {
    var note: String {
        switch self {
        case .members: "catalog models combined, each with this file's settings for it"
        case .combine: "\(EnsembleCombine.allCases.map(\.rawValue).joined(separator: " | ")): validation-MAE weights per step, or the median"
        }
    }
}

extension ProphetSection.Key {
    var note: String {
        switch self {
        case .changepointPriorScale: "trend flexibility (Laplace prior scale)"
        case .seasonalityPriorScale: "seasonality strength (normal prior scale)"
        case .changepoints: "potential trend changepoints"
        case .changepointRange: "fraction of the history that holds changepoints, in (0, 1]"
        case .daily: "daily Fourier terms"
        case .weekly: "weekly Fourier terms"
        case .recentPast: "also condition on the latest observations (prophet-ar)"
        }
    }
}

extension TrainingSection.Key {
    var note: String {
        switch self {
        case .epochs: "most passes over the (sampled) training windows"
        case .batchSize: "windows per optimiser step"
        case .learningRate: "optimiser step size"
        case .optimizer: "\(OptimizerKind.allCases.map(\.rawValue).joined(separator: " | "))"
        case .patience: "stop after this many epochs without a better validation loss"
        case .lossFunction: "per-horizon loss: \(LossFunction.allCases.map(\.rawValue).joined(separator: " | "))"
        case .horizonWeights: "one weight per prediction horizon"
        case .seed: "seeds weights, shuffling, sampling and dropout"
        case .samplesPerEpoch: "training windows drawn per epoch (0 = all)"
        case .validationSamples: "validation windows scored, evenly spaced (0 = all)"
        case .maxMinutes: "training time budget; keeps the best epoch (0 = none)"
        }
    }
}

extension PreprocessingSection.Key {
    var note: String {
        switch self {
        case .input: "gauge | counter (counter → per-second rate, resets handled)"
        case .scale: "multiplier after the rate (bytes → MiB = 9.5367431640625e-07)"
        case .transform: "identity | log1p"
        case .clipQuantiles: "clip to these train quantiles; [] = no clipping"
        }
    }
}

extension FeaturesSection.Key {
    var note: String {
        switch self {
        case .lags: "lagged values s[k−L], L in steps"
        case .rolling: "rolling statistics: widths in steps"
        }
    }
}

extension RollingStatistic {
    var note: String { "rolling \(rawValue) over these widths" }
}
