import Foundation
import Testing
import Series
@testable import Pipeline

/// Package root, found from this file so tests do not depend on the working directory.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

@Suite("Per-metric configs: loading, defaults, round trip")
struct ConfigLoaderTests {
    @Test("every shipped config in Configs/ loads, one per metric")
    func shippedConfigsLoad() throws {
        let configs = try ConfigLoader.loadAll(directory: packageRoot.appendingPathComponent("Configs").path)
        #expect(configs.map(\.metric) == [.cpu, .diskReads, .diskWrites, .memory, .networkRx, .networkTx])
        for config in configs {
            #expect(config.formatVersion == 1)
            #expect(config.containerName == "web-1")
            #expect(config.data == DataSection.defaults)
            #expect(config.model == ModelSection.defaults)
            #expect(config.training == TrainingSection.defaults)
        }
        let byMetric = Dictionary(uniqueKeysWithValues: configs.map { ($0.metric, $0) })
        #expect(byMetric[.cpu]?.preprocessing.spec == PreprocessingSpec.recommended(for: .cpu))
        // memory.yaml changes only the unit: bytes → MiB
        #expect(byMetric[.memory]?.preprocessing.spec.scale == 1.0 / 1_048_576)
        #expect(byMetric[.memory]?.preprocessing.spec.input == .gauge)
        for metric in [MetricKind.diskReads, .diskWrites, .networkRx, .networkTx] {
            let spec = try #require(byMetric[metric]).preprocessing.spec
            #expect(spec.input == .counter)
            #expect(spec.transform == .log1p)
            #expect(spec.clip == PreprocessingSpec.recommended(for: metric).clip)
        }
    }

    @Test("omitted keys take the typed spec's defaults (EVALUATION.md §7 reference design)")
    func defaultsApplied() throws {
        let config = try ConfigLoader.decode(yaml: "format_version: 1\nmetric_name: network_tx\n", file: "min.yaml")
        #expect(config == MetricConfig(metric: .networkTx))
        #expect(config.containerName == nil)
        #expect(config.data.windowSize == 240)
        #expect(config.data.predictionHorizons == [5, 15, 30])
        #expect(config.data.trainSplit == 0.70 && config.data.valSplit == 0.15 && config.data.testSplit == 0.15)
        #expect(config.data.normalization == .minmax)
        #expect(config.model.modelType == .lstm)
        #expect(config.model.hiddenSize == 128 && config.model.numLayers == 2 && config.model.dropout == 0.3)
        #expect(config.model.bidirectional)
        #expect(config.model.arima == ArimaSection(p: 1, d: 1, q: 1, seasonal: false))
        #expect(config.model.prophet.changepoints == 25 && config.model.prophet.changepointRange == 0.8)
        #expect(config.training.epochs == 100 && config.training.batchSize == 32 && config.training.patience == 15)
        #expect(config.training.learningRate == 0.001 && config.training.optimizer == .adam)
        #expect(config.training.horizonWeights == [1.0, 1.5, 1.0])
        #expect(config.preprocessing.spec == PreprocessingSpec.recommended(for: .networkTx))
        #expect(config.features.spec == FeatureSpec.reference)
    }

    @Test("a partly given section keeps the defaults of its other keys")
    func partialSection() throws {
        let yaml = """
            format_version: 1
            metric_name: disk_writes
            model:
              arima: {q: 0}
            preprocessing:
              clip_quantiles: []
            """
        let config = try ConfigLoader.decode(yaml: yaml, file: "partial.yaml")
        #expect(config.model.arima == ArimaSection(p: 1, d: 1, q: 0, seasonal: false))
        #expect(config.model.hiddenSize == 128)
        #expect(config.preprocessing.spec.clip == nil)
        #expect(config.preprocessing.spec.input == .counter)  // metric default kept
        #expect(config.preprocessing.spec.transform == .log1p)
    }

    @Test("omitted weights follow the horizon count: reference weights for 3, ones otherwise")
    func defaultWeightsFollowHorizons() throws {
        let yaml = "format_version: 1\nmetric_name: cpu\ndata:\n  prediction_horizons: [5, 10]\n"
        let config = try ConfigLoader.decode(yaml: yaml, file: "two.yaml")
        #expect(config.training.horizonWeights == [1, 1])
    }

    @Test("every value written in the file is read back as written")
    func explicitValues() throws {
        let config = try ConfigLoader.decode(yaml: Self.fullYAML, file: "full.yaml")
        let expected = MetricConfig(
            metric: .memory, containerName: "db-7", formatVersion: 1,
            data: DataSection(windowSize: 12, predictionHorizons: [5, 15, 30, 60], stride: 3,
                              trainSplit: 0.6, valSplit: 0.2, testSplit: 0.2, normalization: .robust),
            model: ModelSection(modelType: .prophet, hiddenSize: 64, numLayers: 3, dropout: 0.1, bidirectional: false,
                                arima: ArimaSection(p: 2, d: 0, q: 3, seasonal: true),
                                prophet: ProphetSection(changepointPriorScale: 0.5, seasonalityPriorScale: 2.5, changepoints: 10,
                                                        changepointRange: 0.9, daily: false, weekly: true, recentPast: false)),
            training: TrainingSection(epochs: 7, batchSize: 64, learningRate: 1e-4, optimizer: .rmsprop, patience: 0,
                                      lossFunction: .huber, horizonWeights: [1, 2, 3, 4], seed: 7),
            preprocessing: PreprocessingSection(spec: try PreprocessingSpec(
                input: .counter, scale: 0.5, clip: QuantileClip(lower: 0.01, upper: 0.99), transform: .log1p)),
            features: FeaturesSection(spec: try FeatureSpec(
                lags: [12, 288],
                // columns in statistic order mean, std, min, max, whatever order the file lists them
                rolling: [RollingFeature(.mean, width: 48), RollingFeature(.max, width: 12), RollingFeature(.max, width: 48)])))
        #expect(config == expected)
    }

    @Test("rendering and reading back gives the same config")
    func roundTrip() throws {
        let full = try ConfigLoader.decode(yaml: Self.fullYAML, file: "full.yaml")
        #expect(try ConfigLoader.decode(yaml: ConfigRenderer.yaml(full), file: "rendered.yaml") == full)
        for config in try ConfigLoader.loadAll(directory: packageRoot.appendingPathComponent("Configs").path) {
            let text = ConfigRenderer.yaml(config)
            #expect(try ConfigLoader.decode(yaml: text, file: "rendered.yaml") == config, "\(text)")
        }
    }

    static let fullYAML = """
        format_version: 1
        metric_name: memory
        container_name: db-7
        data:
          window_size: 12
          prediction_horizons: [5, 15, 30, 60]
          stride: 3
          train_split: 0.6
          val_split: 0.2
          test_split: 0.2
          normalization: robust
        model:
          model_type: prophet
          hidden_size: 64
          num_layers: 3
          dropout: 0.1
          bidirectional: false
          arima: {p: 2, d: 0, q: 3, seasonal: true}
          prophet:
            changepoint_prior_scale: 0.5
            seasonality_prior_scale: 2.5
            changepoints: 10
            changepoint_range: 0.9
            daily: false
            weekly: true
            recent_past: false
        training:
          epochs: 7
          batch_size: 64
          learning_rate: 1.0e-4
          optimizer: rmsprop
          patience: 0
          loss_function: huber
          horizon_weights:
            - 1
            - 2
            - 3.0
            - 4
          seed: 7
        preprocessing:
          input: counter
          scale: 0.5
          transform: log1p
          clip_quantiles: [0.01, 0.99]
        features:
          lags: [12, 288]
          rolling:
            max: [12, 48]
            mean: [48]
        """
}
