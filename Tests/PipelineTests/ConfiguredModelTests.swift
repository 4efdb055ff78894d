import Forecasting
import Testing
@testable import Pipeline

/// What `autoscale evaluate --config` builds from a per-metric config.
@Suite struct ConfiguredModelTests {
    func config(_ body: String) throws -> MetricConfig {
        try ConfigLoader.decode(yaml: "format_version: 1\nmetric_name: cpu\n" + body, file: "test.yaml")
    }

    /// The shipped defaults are the reference design of EVALUATION.md §7, as an LSTM with a
    /// 240-step window (60 min at 15 s) and the reference training loop.
    @Test func defaultConfigIsTheReferenceLSTM() throws {
        let spec = try ConfiguredModel.spec(from: try config(""), file: "test.yaml")
        guard let c = spec.settings as? LSTMConfiguration else { Issue.record("expected lstm, got \(spec.name)"); return }
        #expect(c.windowSteps == 240)
        #expect(try c.steps(interval: 300).window == 240)
        #expect(c.horizonMinutes == [5, 15, 30])
        #expect(c.hiddenSize == 128 && c.layers == 2 && c.bidirectional && c.dropout == 0.3 && c.headDropout == 0.3)
        #expect(c.training.epochs == 100 && c.training.batchSize == 32 && c.training.learningRate == 0.001)
        #expect(c.training.loss == .mse && c.training.optimizer == .adam && c.training.patience == 15)
        #expect(c.training.horizonWeights == [1, 1.5, 1] && c.training.seed == 42)
    }

    @Test func lstmSectionsAndFeaturesAreCarried() throws {
        let spec = try ConfiguredModel.spec(from: try config("""
            model: {hidden_size: 16, num_layers: 1, bidirectional: false, dropout: 0.1}
            data: {window_size: 12, prediction_horizons: [5, 10]}
            training: {epochs: 3, optimizer: rmsprop, loss_function: huber, horizon_weights: [2, 1], seed: 7}
            features: {lags: [3], rolling: {max: [6]}}
            """), file: "test.yaml")
        guard let c = spec.settings as? LSTMConfiguration else { Issue.record("expected lstm"); return }
        #expect(c.windowSteps == 12 && c.horizonMinutes == [5, 10])
        #expect(c.hiddenSize == 16 && c.layers == 1 && !c.bidirectional && c.dropout == 0.1)
        #expect(c.training.epochs == 3 && c.training.optimizer == .rmsprop && c.training.loss == .huber(delta: 1))
        #expect(c.training.horizonWeights == [2, 1] && c.training.seed == 7)
        #expect(c.features.lags == [3] && c.features.rolling == [.init(statistic: "max", width: 6)])
    }

    @Test func statisticalModelsTakeTheirSections() throws {
        let arima = try ConfiguredModel.spec(from: try config("model: {model_type: arima, arima: {p: 2, d: 0, q: 1}}"), file: "a.yaml")
        guard let model = arima.settings as? ARIMASettings else { Issue.record("expected arima"); return }
        #expect(model.specification.order == ARIMAOrder(p: 2, d: 0, q: 1))

        let daily = try ConfiguredModel.spec(from: try config("model: {model_type: autoarima, arima: {seasonal: true}}"), file: "a.yaml")
        #expect(daily.name == "autoarima-daily")

        let prophet = try ConfiguredModel.spec(from: try config("""
            model:
              model_type: prophet
              prophet: {recent_past: false, changepoints: 10, changepoint_prior_scale: 0.5, weekly: false, seasonality_prior_scale: 3}
            """), file: "p.yaml")
        guard let style = prophet.settings as? ProphetSettings else { Issue.record("expected prophet"); return }
        #expect(prophet.name == "prophet" && style.changepointCount == 10 && style.changepointPriorScale == 0.5)
        #expect(style.seasonalities.map(\.name) == ["daily"] && style.seasonalities[0].priorScale == 3)
        #expect(try ConfiguredModel.spec(from: try config("model: {model_type: prophet}"), file: "p.yaml").name == "prophet-ar")
    }

    /// `model_type: gbt` is the gradient-boosted trees model with `GBTSettings`' defaults
    /// (the horizons come from the evaluation plan, as for every model).
    @Test func gbtTypeIsTheDefaultGBT() throws {
        let spec = try ConfiguredModel.spec(from: try config("model: {model_type: gbt}"), file: "g.yaml")
        #expect(spec.kind == .gbt)
        #expect(spec.settings as? GBTSettings == GBTSettings())
    }

    /// `--model` wins over model_type and still takes the config's hyperparameters.
    @Test func modelNameOverridesTheType() throws {
        let c = try config("model: {model_type: arima, hidden_size: 8}\ntraining: {epochs: 4}")
        guard let configuration = (try ConfiguredModel.spec(from: c, file: "t.yaml", modelName: "lstm")).settings as? LSTMConfiguration else {
            Issue.record("expected lstm"); return
        }
        #expect(configuration.hiddenSize == 8 && configuration.training.epochs == 4)
        #expect(try ConfiguredModel.spec(from: c, file: "t.yaml", modelName: "naive").name == "naive")
        #expect(throws: ModelSpecError.self) { try ConfiguredModel.spec(from: c, file: "t.yaml", modelName: "lstn") }
    }

    @Test(arguments: [
        ("data: {train_split: 0.8, val_split: 0.1, test_split: 0.1}", "data.train_split is 0.8"),
        ("data: {normalization: standard}", "data.normalization is standard"),
        ("data: {stride: 4}", "data.stride is 4"),
        ("model: {model_type: arima, arima: {seasonal: true}}", "model.arima.seasonal"),
    ])
    func whatTheProtocolFixesIsRefused(body: String, message: String) throws {
        let c = try config(body)
        #expect {
            try ConfiguredModel.spec(from: c, file: "cfg.yaml")
        } throws: { error in
            "\(error)".hasPrefix("cfg.yaml: ") && "\(error)".contains(message)
        }
    }
}
