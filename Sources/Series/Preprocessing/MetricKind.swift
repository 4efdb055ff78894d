/// The six container metrics this project forecasts. Strings from files and the command
/// line are decoded into this enum at the edge (`init(parsing:)`); nothing deeper
/// passes metric names around as strings.
///
/// What each metric is and needs (the defaults in `PreprocessingSpec.recommended(for:)`):
///
/// | metric | raw form | model input | log1p | clip (train quantiles) |
/// | --- | --- | --- | --- | --- |
/// | `cpu` | gauge (cores or %), or counter of CPU seconds | gauge as is; counter → rate = cores | no | no |
/// | `memory` | gauge, bytes | bytes (scale 1/1048576 for MiB) | no | no |
/// | `disk_reads` | cumulative bytes counter | bytes/s rate, resets handled | yes | 0.001 / 0.999 |
/// | `disk_writes` | cumulative bytes counter | bytes/s rate, resets handled | yes | 0.001 / 0.999 |
/// | `network_rx` | cumulative bytes counter | bytes/s rate, resets handled | yes | 0.001 / 0.999 |
/// | `network_tx` | cumulative bytes counter | bytes/s rate, resets handled | yes | 0.001 / 0.999 |
public enum MetricKind: String, CaseIterable, Sendable, Codable, Hashable {
    /// CPU usage. A gauge in cores or percent (CloudWatch, Azure traces), or a counter of
    /// CPU seconds (cAdvisor `container_cpu_usage_seconds_total`, cgroup `usage_usec`
    /// with scale 1e-6) whose rate is cores in use. Bounded and not heavy-tailed: no log,
    /// no clipping, so the peaks an autoscaler must see stay in the target.
    case cpu
    /// Memory in use (working set), a gauge in bytes. Smooth and bounded by the limit;
    /// scale 1/1048576 gives MiB for readable reports (min-max scaling makes units
    /// irrelevant to the models).
    case memory
    /// Bytes read from disk, a cumulative counter → bytes/s. Bursty and heavy-tailed:
    /// log1p compresses bursts; train-quantile clipping removes scrape glitches.
    case diskReads = "disk_reads"
    /// Bytes written to disk, as `diskReads`.
    case diskWrites = "disk_writes"
    /// Bytes received on the network, a cumulative counter → bytes/s, as `diskReads`.
    case networkRx = "network_rx"
    /// Bytes transmitted on the network, as `networkRx`.
    case networkTx = "network_tx"

    /// Names accepted by `init(parsing:)`, in declaration order.
    public static var allowedNames: [String] { allCases.map(\.rawValue) }

    /// Decodes a metric name such as `"disk_reads"`.
    public init(parsing name: String) throws(PreprocessingError) {
        guard let kind = MetricKind(rawValue: name) else {
            throw .unknownMetric(name, allowed: Self.allowedNames)
        }
        self = kind
    }
}
