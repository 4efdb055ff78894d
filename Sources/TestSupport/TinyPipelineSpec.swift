/// A small pipeline for the runner's tests (library and command line): two days of
/// generated 5-minute data, cpu only, the two baselines (fast in debug builds), select on
/// validation, register `autoscale-cpu`, report. Tests widen it with `--set models=[…]`.
public enum TinyPipelineSpec {
    public static let yaml = """
        format_version: 1
        name: tiny
        params:
          models: [naive, snaive]
          days: 2
        stages:
          data:
            kind: ingest
            generate:
              containers: 1
              days: ${params.days}
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
            foreach: ${params.models}
            needs: split
            model: ${item}
          evaluate:
            kind: evaluate
            foreach: ${params.models}
            needs: train@${item}
          select:
            kind: select
            needs: evaluate
            best: min metrics.val_mase_15m
          register:
            kind: register
            needs: select
            model: autoscale-cpu
          report:
            kind: report
            needs: [evaluate, select, register]
        """

    /// The spec with the LSTM among the models, trained from `small-lstm.yaml` (hidden size 8,
    /// one layer, written by `smallLSTMConfig`) for `epochs` epochs.
    public static func withLSTM(epochs: Int) -> String {
        yaml.replacingOccurrences(of: "models: [naive, snaive]", with: "models: [naive, lstm, snaive]")
            .replacingOccurrences(of: "    model: ${item}\n", with: "    model: ${item}\n    config: small-lstm.yaml\n    overrides:\n      epochs: \(epochs)\n")
    }

    public static let smallLSTMConfig = """
        format_version: 1
        metric_name: cpu
        model:
          hidden_size: 8
          num_layers: 1
        """
}
