import Foundation
import Ingest
import Series

/// The series a command reads when a per-metric config (`--config`) is given, and where each
/// choice came from.
///
/// Flags choose first. Where they leave the container or metric open in a long file (the only
/// shape with container and metric columns), the config's `container_name` and `metric_name`
/// choose; in the other shapes those names select nothing and are not applied. When the
/// config's `preprocessing.input` is `counter`, the series read is turned into its per-second
/// rate (`CounterRate`: Prometheus' `rate()`, resets handled, one point shorter), as
/// `autoscale demo` does for counters, so a byte counter is scored as bytes per second, not
/// as the ever-growing counter; then `preprocessing.scale` multiplies it (bytes → MiB). Clipping
/// and log1p are model-input transforms and are not applied by the protocol's scoring
/// (docs/EVALUATION.md). `evaluate` and `forecast` both read their series through this.
public struct ConfiguredSeries: Sendable, Equatable {
    public var readOptions: CSVReadOptions
    /// Whether the series read is a cumulative counter to turn into its rate.
    public var countersToRates: Bool
    /// Multiplier applied after the rate (`preprocessing.scale`); 1 = none.
    public var scale: Double
    /// Each choice and its source, e.g. "metric network_rx (Configs/network_rx.yaml: metric_name)",
    /// "container web-1 (--container)", "counter → rate (Configs/network_rx.yaml: preprocessing.input)".
    public var choices: [String]

    public init(readOptions: CSVReadOptions, countersToRates: Bool = false, scale: Double = 1, choices: [String] = []) {
        self.readOptions = readOptions
        self.countersToRates = countersToRates
        self.scale = scale
        self.choices = choices
    }

    /// "series: metric … (source); …" for the output, or nil when nothing was chosen.
    public var summary: String? { choices.isEmpty ? nil : "series: " + choices.joined(separator: "; ") }

    /// The series read, turned into its rate when a counter, then scaled.
    public static func apply(countersToRates: Bool, scale: Double, to series: TimeSeries) throws -> TimeSeries {
        var result = countersToRates ? try CounterRate.rates(of: series).series : series
        if scale != 1 { result.values = result.values.map { $0 * scale } }
        return result
    }

    /// The series `flags` and `config` (read from `configPath`) choose in `dataPath`.
    /// With `everyContainer` (`evaluate --global`) the config's `container_name` is not
    /// applied, so every container of the metric is read, and `dataPath` may be a folder
    /// (each of its files then read with the flags' selection).
    public static func resolve(
        flags: CSVReadOptions, config: MetricConfig?, configPath: String?, dataPath: String, everyContainer: Bool = false
    ) throws(IngestError) -> ConfiguredSeries {
        guard let config, let configPath else { return ConfiguredSeries(readOptions: flags) }
        var options = flags
        var choices: [String] = []
        var isFolder: ObjCBool = false
        let folder = everyContainer && FileManager.default.fileExists(atPath: dataPath, isDirectory: &isFolder) && isFolder.boolValue
        if !folder, try CSVSeriesReader.inspect(path: dataPath).shape == .long {
            if let metric = flags.selection.metric {
                choices.append("metric \(metric) (--metric)")
            } else {
                options.selection.metric = config.metric.rawValue
                choices.append("metric \(config.metric.rawValue) (\(configPath): metric_name)")
            }
            if let container = flags.selection.container {
                choices.append("container \(container) (--container)")
            } else if !everyContainer, let container = config.containerName {
                options.selection.container = container
                choices.append("container \(container) (\(configPath): container_name)")
            }
        }
        let counter = config.preprocessing.spec.input == .counter
        if counter { choices.append("counter → rate (\(configPath): preprocessing.input)") }
        let scale = config.preprocessing.spec.scale
        if scale != 1 { choices.append("× \(scale) (\(configPath): preprocessing.scale)") }
        return ConfiguredSeries(readOptions: options, countersToRates: counter, scale: scale, choices: choices)
    }
}
