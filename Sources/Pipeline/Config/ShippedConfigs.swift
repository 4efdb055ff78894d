import Series

/// The configs shipped in `Configs/`: one per metric, every section at its defaults except
/// memory's scale (bytes → MiB, for readable reports; min-max scaling makes units irrelevant
/// to the models). `autoscale config init METRIC --container web-1` prints each file, and a
/// test checks that `Configs/<metric>.yaml` equals that output byte for byte.
public enum ShippedConfigs {
    /// The container the shipped files name (the generated workload's first container).
    public static let container = "web-1"

    /// The config `config init` writes for `metric`.
    public static func config(metric: MetricKind, container: String?) -> MetricConfig {
        var config = MetricConfig(metric: metric, containerName: container)
        if metric == .memory { config.preprocessing.spec.scale = 1.0 / 1_048_576 }
        return config
    }

    /// The file text of `config(metric:container:)`.
    public static func file(metric: MetricKind, container: String?) -> String {
        ConfigRenderer.file(config(metric: metric, container: container))
    }
}
