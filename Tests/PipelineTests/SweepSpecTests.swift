import Foundation
import Testing
@testable import Pipeline

/// `sweep:` on a train stage: the typed `SweepSpec` it decodes to, every error with its
/// exact sentence, and the shipped `Pipelines/cpu-sweep.yaml`.
@Suite("Sweep spec YAML")
struct SweepSpecTests {
    static let base = """
        format_version: 1
        name: sweep
        stages:
          data:
            kind: ingest
            generate: {days: 1}
          split:
            kind: split
            needs: data
          train:
            kind: train
            needs: split
            config: cpu.yaml
            model: lstm
            sweep:
              method: tpe
              seed: 7
              trials: 20
              time_budget: 10m
              objective: min metrics.val_mae_15m
              parameters:
                model.hidden_size: [32, 64, 128]
                training.learning_rate: {log_uniform: [1.0e-4, 1.0e-2]}
                model.dropout: {uniform: [0.0, 0.5]}
                model.num_layers: {int: [1, 3]}
                data.window_size: {int: [60, 480], log: true}
              pruning: {method: asha, min_epochs: 1, reduction_factor: 3}

        """

    /// `base` with `line` (its text, exactly) replaced by `replacement`.
    func variant(_ line: String, _ replacement: String) -> String {
        precondition(Self.base.contains(line + "\n"), "no line \(line)")
        return Self.base.replacingOccurrences(of: line + "\n", with: replacement + "\n")
    }

    @Test("the base sweep decodes into a typed SweepSpec")
    func decodes() throws {
        let fixture = try PipelineSpecFixture()
        let spec = try fixture.load(Self.base)
        let stage = try #require(spec.plan.stage("train"))
        guard case .train(let train) = stage.section else { Issue.record("train is \(stage.kind)"); return }
        let expected = SweepSpec(
            method: .tpe, seed: 7,
            space: try SearchSpace([
                SearchParameter("model.hidden_size", .choice([.int(32), .int(64), .int(128)])),
                SearchParameter("training.learning_rate", .logUniform(low: 1e-4, high: 1e-2)),
                SearchParameter("model.dropout", .uniform(low: 0, high: 0.5)),
                SearchParameter("model.num_layers", .int(low: 1, high: 3, log: false)),
                SearchParameter("data.window_size", .int(low: 60, high: 480, log: true)),
            ]),
            budget: SweepBudget(trials: 20, seconds: 600),
            objective: try SweepObjective(parsing: "min metrics.val_mae_15m"),
            pruning: try SuccessiveHalvingPruner(minResource: 1, reductionFactor: 3))
        #expect(train.sweep == expected)
        #expect(train.sweep?.sampler() is TPESampler)
        #expect(try train.sweep?.maximumTrials() == 20)
    }

    @Test("every sweep error, with its exact sentence (the first reported)", arguments: [
        ("      method: tpe", "      metod: tpe",
         "stages.train.sweep.metod: unknown key at p.yaml:16:7; did you mean `method`? allowed keys here: method, multivariate, seed, trials, time_budget, objective, parameters, pruning, max_attempts"),
        ("      method: tpe", "      method: tpee",
         "stages.train.sweep.method: unknown value \"tpee\" at p.yaml:16:15; use one of grid, random, tpe (did you mean `tpe`?)"),
        ("      objective: min metrics.val_mae_15m", "      objective: min metrics.mae_15m",
         "stages.train.sweep.objective: \"min metrics.mae_15m\" cannot be used at p.yaml:20:18: selection reads validation metrics so that the test part stays an honest estimate; write metrics.val_mae_15m"),
        ("      time_budget: 10m", "      time_budget: soon",
         "stages.train.sweep.time_budget: \"soon\" cannot be used at p.yaml:19:20: \"soon\" is not an interval (\"soon\" is not a number); expected a positive number of seconds with an optional unit ms, s, m, h or d, such as 15s, 5m, 1h or 300; write seconds (15) or a number with a unit ms, s, m, h or d (15s, 5m)"),
        ("        model.hidden_size: [32, 64, 128]", "        model.hiden_size: [32, 64, 128]",
         "stages.train.sweep.parameters.model.hiden_size: unknown key at p.yaml:22:9; did you mean `model.hidden_size`? allowed keys here: data.window_size, data.max_input_steps, data.stride, data.normalization, model.hidden_size, model.num_layers, model.dropout, model.bidirectional, model.arima.p, model.arima.d, model.arima.q, model.arima.seasonal, model.prophet.changepoint_prior_scale, model.prophet.seasonality_prior_scale, model.prophet.changepoints, model.prophet.changepoint_range, model.prophet.daily, model.prophet.weekly, model.prophet.recent_past, model.ensemble.combine, training.epochs, training.batch_size, training.learning_rate, training.optimizer, training.patience, training.loss_function, training.seed, training.samples_per_epoch, training.validation_samples, preprocessing.input, preprocessing.scale, preprocessing.transform"),
        ("        model.hidden_size: [32, 64, 128]", "        data.train_split: [0.6, 0.7]",
         "stages.train.sweep.parameters.data.train_split: `data.train_split` cannot be used at p.yaml:22:9: a sweep cannot vary it: trials are compared on one validation part, which the split fixes; set it in the split stage"),
        ("        model.hidden_size: [32, 64, 128]", "        model.hidden_size: {uniform: [16, 256]}",
         "stages.train.sweep.parameters.model.hidden_size: {uniform: [16.0, 256.0]} cannot be used at p.yaml:22:28: `model.hidden_size` takes an integer, not \"16.0\"; the config refuses 16.0; write {int: [a, b]} or a list of integers"),
        ("        model.dropout: {uniform: [0.0, 0.5]}", "        model.dropout: {uniform: [0.0, 1.0]}",
         "stages.train.sweep.parameters.model.dropout: {uniform: [0.0, 1.0]} cannot be used at p.yaml:24:24: `model.dropout` = 1.0 is out of range; use a dropout probability in [0, 1), e.g. 0.3; the config refuses 1.0"),
        ("        training.learning_rate: {log_uniform: [1.0e-4, 1.0e-2]}", "        training.learning_rate: {log_uniform: [0, 1.0e-2]}",
         "stages.train.sweep.parameters.training.learning_rate: {log_uniform: [0.0, 0.01]} cannot be used at p.yaml:23:33: `training.learning_rate`: a log scale needs a low bound > 0 (≥ 1 for integers), not 0.0"),
        ("        model.hidden_size: [32, 64, 128]", "        training.optimizer: [adam, adamw]",
         "stages.train.sweep.parameters.training.optimizer: [adam, adamw] cannot be used at p.yaml:22:29: `training.optimizer` is one of adam, sgd, rmsprop, not \"adamw\"; the config refuses adamw"),
        ("        model.num_layers: {int: [1, 3]}", "        model.num_layers: {int: [1, 2, 3]}",
         "stages.train.sweep.parameters.model.num_layers.int: [1, 2, 3] is out of range at p.yaml:25:33; give [low, high], e.g. [1, 3]"),
        ("        model.num_layers: {int: [1, 3]}", "        model.num_layers: {itn: [1, 3]}",
         "stages.train.sweep.parameters.model.num_layers.itn: unknown key at p.yaml:25:28; did you mean `int`? allowed keys here: uniform, log_uniform, int, log, grid"),
        ("        model.dropout: {uniform: [0.0, 0.5]}", "        model.dropout: {uniform: [0.0, 0.5], log: true}",
         "stages.train.sweep.parameters.model.dropout.log: log cannot be used at p.yaml:24:51: log applies to int ranges; write log_uniform: [a, b] for a real on a log scale"),
        ("        model.dropout: {uniform: [0.0, 0.5]}", "        model.dropout: 0.3",
         "stages.train.sweep.parameters.model.dropout: expected a list of values or a mapping {uniform: [a, b]}, {log_uniform: [a, b]} or {int: [a, b]}, got \"0.3\" at p.yaml:24:24; write a list of values or a mapping {uniform: [a, b]}, {log_uniform: [a, b]} or {int: [a, b]}"),
        ("      pruning: {method: asha, min_epochs: 1, reduction_factor: 3}", "      pruning: {method: asha, min_epochs: 0, reduction_factor: 1}",
         "stages.train.sweep.pruning.min_epochs: 0 is out of range at p.yaml:27:43; use at least 1 epoch"),
    ])
    func errors(line: String, replacement: String, expected: String) throws {
        let fixture = try PipelineSpecFixture()
        let errors = fixture.errors(variant(line, replacement))
        #expect(errors.first == expected, "\(errors)")
    }

    @Test("multivariate: TPE's default is joint, false gives one estimator per parameter, other methods refuse the key")
    func multivariate() throws {
        let fixture = try PipelineSpecFixture()
        func sweep(_ text: String) throws -> SweepSpec? {
            let stage = try #require(try fixture.load(text).plan.stage("train"))
            guard case .train(let train) = stage.section else { return nil }
            return train.sweep
        }
        let joint = try #require(try sweep(Self.base))
        #expect(joint.multivariate)
        #expect((joint.sampler() as? TPESampler)?.multivariate == true)
        let separate = try #require(try sweep(variant("      method: tpe", "      method: tpe\n      multivariate: false")))
        #expect(!separate.multivariate)
        #expect((separate.sampler() as? TPESampler)?.multivariate == false)
        #expect(fixture.errors(variant("      method: tpe", "      method: random\n      multivariate: true")) == [
            "stages.train.sweep.multivariate: multivariate: true cannot be used at p.yaml:17:21: it chooses how TPE models the parameters, and the method is random; remove it or use method: tpe",
        ])
    }

    @Test("grid without a count, no budget, pruning a model that does not train")
    func crossKeyErrors() throws {
        let fixture = try PipelineSpecFixture()
        let grid = variant("      method: tpe", "      method: grid")
        #expect(fixture.errors(grid) == [
            "stages.train.sweep.parameters.training.learning_rate: method: grid cannot be used at p.yaml:23:33: grid search needs a finite set of values, but `training.learning_rate` is {log_uniform: [0.0001, 0.01]}; add `grid: N` (N evenly spaced values) or list the values",
        ])
        let noBudget = variant("      trials: 20", "").replacingOccurrences(of: "      time_budget: 10m\n", with: "")
        #expect(fixture.errors(noBudget) == [
            "stages.train.sweep.trials: missing at p.yaml:16:7; add `trials: 20` or `time_budget: 10m`",
        ])
        #expect(fixture.errors(variant("    model: lstm", "    model: naive")) == [
            "stages.train.sweep.pruning: pruning cannot be used at p.yaml:27:16: pruning stops a trial between epochs, and naive does not train for epochs; remove pruning or sweep model lstm",
        ])
        #expect(fixture.errors(variant("      pruning: {method: asha, min_epochs: 1, reduction_factor: 3}",
                                       "      pruning: {method: hyperband, min_epochs: 0, reduction_factor: 1}")) == [
            "stages.train.sweep.pruning.method: unknown value \"hyperband\" at p.yaml:27:25; use one of asha",
            "stages.train.sweep.pruning.min_epochs: 0 is out of range at p.yaml:27:48; use at least 1 epoch",
            "stages.train.sweep.pruning.reduction_factor: 1 is out of range at p.yaml:27:69; use 2 or more (3 keeps the best third at each rung)",
        ])
    }

    @Test("the shipped cpu-sweep pipeline validates: TPE + ASHA over five LSTM settings")
    func shippedSweep() throws {
        let spec = try PipelineSpec.load(path: packageRoot.appendingPathComponent("Pipelines/cpu-sweep.yaml").path)
        let sweeps = spec.plan.stages.compactMap { stage -> SweepSpec? in
            if case .train(let train) = stage.section { return train.sweep }
            return nil
        }
        let sweep = try #require(sweeps.first)
        #expect(sweep.method == .tpe)
        #expect(sweep.pruning != nil)
        #expect(Set(sweep.space.names) == ["model.hidden_size", "model.num_layers", "training.learning_rate", "data.window_size", "model.dropout"])
        #expect(sweep.objective.metric.hasPrefix("val_"))
    }
}
