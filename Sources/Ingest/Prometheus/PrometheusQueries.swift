/// The PromQL that gives each `ResourceMetric` of one container, in the units of the CSV
/// path (`data generate`, `data collect`; docs/formats/prometheus.md):
///
/// | metric      | default query (cAdvisor)                                                     | unit, kind          |
/// |-------------|------------------------------------------------------------------------------|---------------------|
/// | cpu         | sum(rate(container_cpu_usage_seconds_total{container="C"}[W]))               | cores, gauge        |
/// | memory      | sum(container_memory_working_set_bytes{container="C"})                       | bytes, gauge        |
/// | disk_reads  | sum(container_fs_reads_bytes_total{container="C"})                           | bytes, counter      |
/// | disk_writes | sum(container_fs_writes_bytes_total{container="C"})                          | bytes, counter      |
/// | network_rx  | sum(container_network_receive_bytes_total{container="C"})                    | bytes, counter      |
/// | network_tx  | sum(container_network_transmit_bytes_total{container="C"})                   | bytes, counter      |
///
/// cpu comes back as a rate (cores = CPU-seconds per second), as the collector and the
/// generator write it; the four byte metrics stay cumulative counters, so the models'
/// counter → rate preprocessing applies to them unchanged. `sum` joins a container's
/// series across pods, devices and interfaces into one.
///
/// A template names the container as `$container` (replaced by the label value, with `\`
/// and `"` escaped) and the rate window as `$window` (replaced by `rateWindow(step:)`).
public struct PrometheusQueries: Sendable, Equatable {
    public var templates: [ResourceMetric: String]

    public static let cadvisor = PrometheusQueries(templates: [
        .cpu: "sum(rate(container_cpu_usage_seconds_total{container=\"$container\"}[$window]))",
        .memory: "sum(container_memory_working_set_bytes{container=\"$container\"})",
        .diskReads: "sum(container_fs_reads_bytes_total{container=\"$container\"})",
        .diskWrites: "sum(container_fs_writes_bytes_total{container=\"$container\"})",
        .networkRx: "sum(container_network_receive_bytes_total{container=\"$container\"})",
        .networkTx: "sum(container_network_transmit_bytes_total{container=\"$container\"})",
    ])

    /// The shortest rate window: four scrapes at cAdvisor's usual 15 s interval, so `rate`
    /// always has two or more samples in its window.
    public static let minimumRateWindow: Double = 60

    public init(templates: [ResourceMetric: String]) {
        self.templates = templates
    }

    /// The cAdvisor defaults with `overrides` in place of some of them.
    public static func cadvisor(overriding overrides: [ResourceMetric: String]) -> PrometheusQueries {
        PrometheusQueries(templates: cadvisor.templates.merging(overrides) { _, override in override })
    }

    /// `rate` window for a grid step: W = max(step, 60 s), in whole seconds. With W = step
    /// each point is the mean over its own interval, as the collector reports cpu.
    public static func rateWindow(step: Double) -> String {
        "\(Int(max(step, minimumRateWindow).rounded(.up)))s"
    }

    /// The PromQL for `metric` of `container` on a grid of `step` seconds.
    public func query(_ metric: ResourceMetric, container: String, step: Double) -> String {
        let template = templates[metric] ?? PrometheusQueries.cadvisor.templates[metric]!
        let label = container.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        return template.replacingOccurrences(of: "$container", with: label)
            .replacingOccurrences(of: "$window", with: PrometheusQueries.rateWindow(step: step))
    }
}
