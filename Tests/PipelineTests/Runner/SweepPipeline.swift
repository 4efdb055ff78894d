import Foundation
import Pipeline
import Tracking

/// Sweep pipelines for the runner's sweep tests: two days of generated 5-minute cpu data, a
/// sweep stage over a cheap model (ARIMA orders; a tiny LSTM for pruning), then evaluate,
/// select and register, so the stage's product is checked downstream too.
enum SweepPipeline {
    /// `sweep:` block lines (indented under `sweep:`) and the train stage's model lines.
    static func yaml(model: String = "model: arima", sweep: String) -> String {
        """
        format_version: 1
        name: sweep
        stages:
          data:
            kind: ingest
            generate:
              containers: 1
              days: 2
              interval: 5m
              seed: 7
          series:
            kind: preprocess
            needs: data
            metric: cpu
          split:
            kind: split
            needs: series
          train:
            kind: train
            needs: split
        \(model.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n"))
            sweep:
        \(sweep.split(separator: "\n").map { "      " + $0 }.joined(separator: "\n"))
          evaluate:
            kind: evaluate
            needs: train
          select:
            kind: select
            needs: evaluate
            best: min metrics.val_mae_15m
          register:
            kind: register
            needs: select
            model: autoscale-cpu
        """
    }

    /// A grid over ARIMA(p, 0, q), p, q ∈ {0, 1}: four trials.
    static let arimaGrid = yaml(sweep: """
        method: grid
        trials: 10
        objective: min metrics.val_mae_15m
        parameters:
          model.arima.p: [0, 1]
          model.arima.q: [0, 1]
        """)

    /// `method` (random or tpe) over integer ARIMA orders, `trials` trials, seed 11.
    static func arimaSampled(_ method: String, trials: Int) -> String {
        yaml(sweep: """
            method: \(method)
            seed: 11
            trials: \(trials)
            objective: min metrics.val_mae_15m
            parameters:
              model.arima.p: {int: [0, 2]}
              model.arima.q: {int: [0, 2]}
            """)
    }

    /// An LSTM (hidden size 4, window 12 steps, 3 epochs) over four learning rates with
    /// ASHA (η = 2 from epoch 1).
    static let lstmPruned = yaml(model: """
        model: lstm
        overrides:
          epochs: 3
          seed: 1
        """, sweep: """
        method: grid
        trials: 4
        objective: min metrics.val_mae_15m
        parameters:
          training.learning_rate: [0.0001, 0.01, 0.05, 0.2]
          model.hidden_size: [4]
          data.window_size: [12]
        pruning: {method: asha, min_epochs: 1, reduction_factor: 2}
        """)
}

extension Registry {
    /// The sweep's trials of the one sweep run tagged `sweep=train`.
    func sweepTrials(_ report: PipelineRunReport) throws -> (sweep: RunID, trials: [SweepTrial]) {
        guard let summary = report.sweeps.first else { throw SweepTestError.noSweepInReport }
        return (summary.sweep, try trials(sweep: summary.sweep))
    }
}

struct SweepTestError: Error {
    static let noSweepInReport = SweepTestError()
}
