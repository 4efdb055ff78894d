import Foundation
import Series

/// Writes a `MetricConfig` back as YAML with every key spelled out (defaults included),
/// in the layout `ConfigLoader` reads: `decode(yaml: render(c)) == c`. Used to show the
/// effective config of a run.
public enum ConfigRenderer {
    public static func yaml(_ c: MetricConfig) -> String {
        let p = c.preprocessing.spec
        let clip = p.clip.map { "[\(number($0.lower)), \(number($0.upper))]" } ?? "[]"
        var lines = [
            "format_version: \(c.formatVersion)",
            "metric_name: \(c.metric.rawValue)",
        ]
        if let container = c.containerName { lines.append("container_name: \(quoted(container))") }
        lines += [
            "data:",
            "  window_size: \(c.data.windowSize)",
            "  prediction_horizons: \(list(c.data.predictionHorizons.map(String.init)))",
            "  stride: \(c.data.stride)",
            "  train_split: \(number(c.data.trainSplit))",
            "  val_split: \(number(c.data.valSplit))",
            "  test_split: \(number(c.data.testSplit))",
            "  normalization: \(c.data.normalization.rawValue)",
            "model:",
            "  model_type: \(c.model.modelType.rawValue)",
            "  hidden_size: \(c.model.hiddenSize)",
            "  num_layers: \(c.model.numLayers)",
            "  dropout: \(number(c.model.dropout))",
            "  bidirectional: \(c.model.bidirectional)",
            "  arima:",
            "    p: \(c.model.arima.p)",
            "    d: \(c.model.arima.d)",
            "    q: \(c.model.arima.q)",
            "    seasonal: \(c.model.arima.seasonal)",
            "  prophet:",
            "    changepoint_prior_scale: \(number(c.model.prophet.changepointPriorScale))",
            "    seasonality_prior_scale: \(number(c.model.prophet.seasonalityPriorScale))",
            "    changepoints: \(c.model.prophet.changepoints)",
            "    changepoint_range: \(number(c.model.prophet.changepointRange))",
            "    daily: \(c.model.prophet.daily)",
            "    weekly: \(c.model.prophet.weekly)",
            "    recent_past: \(c.model.prophet.recentPast)",
            "training:",
            "  epochs: \(c.training.epochs)",
            "  batch_size: \(c.training.batchSize)",
            "  learning_rate: \(number(c.training.learningRate))",
            "  optimizer: \(c.training.optimizer.rawValue)",
            "  patience: \(c.training.patience)",
            "  loss_function: \(c.training.lossFunction.rawValue)",
            "  horizon_weights: \(list(c.training.horizonWeights.map(number)))",
            "  seed: \(c.training.seed)",
            "preprocessing:",
            "  input: \(p.input.rawValue)",
            "  scale: \(number(p.scale))",
            "  transform: \(p.transform.rawValue)",
            "  clip_quantiles: \(clip)",
            "features:",
            "  lags: \(list(c.features.spec.lags.map(String.init)))",
            "  rolling:",
        ]
        for statistic in RollingStatistic.allCases {
            let widths = c.features.spec.rolling.filter { $0.statistic == statistic }.map { String($0.width) }
            lines.append("    \(statistic.rawValue): \(list(widths))")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Shortest round-tripping decimal; YAML 1.1 needs a dot or exponent sign to read a
    /// float, which Swift's `description` provides ("1.0", "1e-05").
    static func number(_ x: Double) -> String { "\(x)" }

    static func list(_ items: [String]) -> String { "[" + items.joined(separator: ", ") + "]" }

    static func quoted(_ s: String) -> String {
        "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
