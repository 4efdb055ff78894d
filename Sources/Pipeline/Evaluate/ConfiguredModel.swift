import Forecasting
import Series

/// The forecaster a per-metric config (`Configs/<metric>.yaml`) describes, for
/// `autoscale evaluate --config`: `model.model_type` and its section, `training:` and
/// `features:` for the LSTM, `data.window_size` (grid steps) and
/// `data.prediction_horizons` (minutes).
///
/// `evaluate` follows EVALUATION.md, which fixes the split (70/15/15), min-max scaling
/// fitted on train and every origin (stride 1); a config asking for something else is
/// refused with the key and value rather than silently scored another way.
public enum ConfiguredModel {
    /// The one place where the edge becomes a `ModelSpec`: the model of the config at
    /// `request.configPath` when given (with `request.modelName` overriding its type), else
    /// `request.modelName`, else `defaultModel`; then the flag overrides (`ModelOverrides`)
    /// on top. Returns the config too, for the settings beyond the model (e.g. horizons).
    public static func resolve(
        _ request: ModelRequest, defaultModel: ModelKind
    ) throws -> (spec: ModelSpec, config: MetricConfig?) {
        let named = try request.modelName.map { name throws(ModelSpecError) in try ModelKind(name: name) }
        var spec: ModelSpec
        var config: MetricConfig?
        if let configPath = request.configPath {
            let loaded = try ConfigLoader.load(path: configPath)
            spec = try self.spec(from: loaded, file: configPath, kind: named)
            config = loaded
        } else {
            spec = ModelSpec(kind: named ?? defaultModel)
        }
        spec = try request.overrides.apply(to: spec)
        return (spec, config)
    }

    /// The model of `config`, or of `modelName` (a catalog name) when given, which then
    /// takes only its hyperparameters from the config where they apply (e.g. `--model lstm`
    /// with a config's `training:` section).
    public static func spec(from config: MetricConfig, file: String, modelName: String? = nil) throws -> ModelSpec {
        try spec(from: config, file: file, kind: try modelName.map { name throws(ModelSpecError) in try ModelKind(name: name) })
    }

    /// The model of `config`, or of `kind` when given (see `spec(from:file:modelName:)`).
    public static func spec(from config: MetricConfig, file: String, kind named: ModelKind?) throws -> ModelSpec {
        try checkProtocol(config.data, file: file)
        let kind = named ?? Self.kind(config.model)
        switch ModelSpec(kind: kind).settings {
        case is ARIMASettings:
            let section = config.model.arima
            if section.seasonal {
                throw ConfiguredModelError.unsupported(
                    file: file, key: "model.arima.seasonal", value: "true",
                    advice: "a one-day seasonal ARIMA costs O(s²) per Kalman step at 5-minute or 15-second data; use model_type: autoarima with seasonal: true (decomposition + AutoARIMA)")
            }
            return ModelSpec(ARIMASettings(order: ARIMAOrder(p: section.p, d: section.d, q: section.q)))
        case var settings as ProphetSettings:
            let section = config.model.prophet
            var seasonalities: [ProphetSeasonality] = []
            if section.daily { seasonalities.append(.daily(priorScale: section.seasonalityPriorScale)) }
            if section.weekly { seasonalities.append(.weekly(priorScale: section.seasonalityPriorScale)) }
            settings.changepointCount = section.changepoints
            settings.changepointRange = section.changepointRange
            settings.changepointPriorScale = section.changepointPriorScale
            settings.seasonalities = seasonalities
            // The kind (`--model prophet` / `prophet-ar`, or the config's `recent_past`) decides the recent past.
            return ModelSpec(settings)
        case is LSTMConfiguration:
            return ModelSpec(lstmConfiguration(config))
        case var settings as NHITSSettings:
            // The network's own defaults, with the config's seed and time budget (`training:`).
            settings.training.seed = config.training.seed
            settings.training.maxMinutes = config.training.maxMinutes == 0 ? nil : config.training.maxMinutes
            return ModelSpec(settings)
        case is EnsembleSettings:
            // Each member as this config describes its kind (`model.ensemble.members`).
            let section = config.model.ensemble
            let members = try section.members.map { member in try spec(from: config, file: file, kind: member) }
            return ModelSpec(EnsembleSettings(members: members, combine: section.combine))
        default:
            return ModelSpec(kind: kind)
        }
    }

    /// The catalog kind of `model:` (`autoarima` with `seasonal: true` is `autoarima-daily`;
    /// `prophet` with `recent_past: true` is `prophet-ar`).
    static func kind(_ model: ModelSection) -> ModelKind {
        switch model.modelType {
        case .naive: .naive
        case .snaive: .snaive
        case .arima: .arima
        case .autoarima: model.arima.seasonal ? .autoarimaDaily : .autoarima
        case .prophet: model.prophet.recentPast ? .prophetAR : .prophet
        case .lstm: .lstm
        case .nhits: .nhits
        case .gbt: .gbt
        case .ensemble: .ensemble
        }
    }

    /// The LSTM of `model:`, `training:`, `features:` and `data:`.
    static func lstmConfiguration(_ config: MetricConfig) -> LSTMConfiguration {
        let t = config.training
        let loss: LSTMLoss = switch t.lossFunction {
        case .mse: .mse
        case .mae: .mae
        case .huber: .huber(delta: 1)
        }
        let optimizer: LSTMOptimizer = switch t.optimizer {
        case .adam: .adam
        case .sgd: .sgd
        case .rmsprop: .rmsprop
        }
        let features = LSTMFeatureSpec(
            lags: config.features.spec.lags,
            rolling: config.features.spec.rolling.map { .init(statistic: $0.statistic.rawValue, width: $0.width) })
        return LSTMConfiguration(
            horizonMinutes: config.data.predictionHorizons.map(Double.init), features: features,
            hiddenSize: config.model.hiddenSize, layers: config.model.numLayers, bidirectional: config.model.bidirectional,
            dropout: config.model.dropout, headDropout: config.model.dropout,
            training: LSTMTrainingOptions(
                epochs: t.epochs, batchSize: t.batchSize, learningRate: t.learningRate, optimizer: optimizer,
                loss: loss, horizonWeights: t.horizonWeights, patience: t.patience, seed: t.seed,
                samplesPerEpoch: t.samplesPerEpoch == 0 ? nil : t.samplesPerEpoch,
                validationSamples: t.validationSamples == 0 ? nil : t.validationSamples,
                maxMinutes: t.maxMinutes == 0 ? nil : t.maxMinutes),
            windowSteps: config.data.windowSize,
            maxInputSteps: config.data.maxInputSteps == 0 ? nil : config.data.maxInputSteps)
    }

    /// Refuses `data:` values the evaluation protocol does not use.
    static func checkProtocol(_ data: DataSection, file: String) throws(ConfiguredModelError) {
        let splits = [("data.train_split", data.trainSplit, 0.70), ("data.val_split", data.valSplit, 0.15),
                      ("data.test_split", data.testSplit, 0.15)]
        for (key, value, required) in splits where abs(value - required) > 1e-9 {
            throw .protocolFixes(file: file, key: key, value: "\(value)", required: "\(required)")
        }
        if data.normalization != .minmax {
            throw .protocolFixes(file: file, key: "data.normalization", value: data.normalization.rawValue, required: "minmax")
        }
        if data.stride != 1 {
            throw .protocolFixes(file: file, key: "data.stride", value: "\(data.stride)", required: "1")
        }
    }
}

/// Why a config cannot drive `autoscale evaluate`.
public enum ConfiguredModelError: Error, Equatable, CustomStringConvertible {
    /// EVALUATION.md fixes this value.
    case protocolFixes(file: String, key: String, value: String, required: String)
    /// The combination has no model behind it.
    case unsupported(file: String, key: String, value: String, advice: String)

    public var description: String {
        switch self {
        case .protocolFixes(let file, let key, let value, let required):
            return "\(file): \(key) is \(value), but evaluate follows EVALUATION.md, which fixes it at \(required); remove the key or set it to \(required)"
        case .unsupported(let file, let key, let value, let advice):
            return "\(file): \(key): \(value) is not supported: \(advice)"
        }
    }
}
