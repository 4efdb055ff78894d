import Foundation

/// Known cAdvisor-like data for the Prometheus tests, as OpenMetrics text for
/// `PrometheusTestServer`: `count` samples every `interval` seconds from `start`, for
/// container "web" (and a memory series for container "api"):
///
///     container_cpu_usage_seconds_total{container="web"}             = 5000 + 0.5·interval·i   (0.5 cores)
///     container_memory_working_set_bytes{container="web"}            = 1,000,000 + 1000·i
///     container_memory_working_set_bytes{container="api"}            = 7,000,000 + i
///     container_fs_reads_bytes_total{container="web"}                = 100·i
///     container_fs_writes_bytes_total{container="web"}               = 200·i
///     container_network_receive_bytes_total{container="web",interface="eth0"} = 300·i
///     container_network_receive_bytes_total{container="web",interface="eth1"} = i
///     container_network_transmit_bytes_total{container="web"}        = 400·i
///     special_values{container="web"} = NaN, +Inf, -Inf, 1.5e3 at the first four times
///
/// at t_i = start + interval·i. `start` is a whole hour `hoursAgo` hours before `now`, so
/// the data lies inside Prometheus's 15-day retention and ends before now.
public struct PrometheusFixture: Sendable {
    public let start: Double
    public let interval: Double
    public let count: Int

    public init(now: Double, hoursAgo: Int = 10, interval: Double = 15, count: Int = 1440) {
        start = (now / 3600).rounded(.down) * 3600 - Double(hoursAgo) * 3600
        self.interval = interval
        self.count = count
    }

    public func time(_ i: Int) -> Double { start + interval * Double(i) }

    public func memory(_ i: Int) -> Double { 1_000_000 + 1000 * Double(i) }
    public func cpuCounter(_ i: Int) -> Double { 5000 + 0.5 * interval * Double(i) }

    public var openMetrics: String {
        var lines: [String] = []
        func family(_ name: String, _ type: String, _ samples: [(labels: String, value: (Int) -> String)]) {
            lines.append("# TYPE \(name) \(type)")
            let sampleName = type == "counter" ? name + "_total" : name
            for sample in samples {
                for i in 0..<count {
                    lines.append("\(sampleName){\(sample.labels)} \(sample.value(i)) \(Int(time(i)))")
                }
            }
        }
        func number(_ value: Double) -> String { value == value.rounded() ? String(Int(value)) : String(value) }
        family("container_cpu_usage_seconds", "counter", [("container=\"web\"", { number(cpuCounter($0)) })])
        family("container_memory_working_set_bytes", "gauge", [
            ("container=\"web\"", { number(memory($0)) }), ("container=\"api\"", { String(7_000_000 + $0) }),
        ])
        family("container_fs_reads_bytes", "counter", [("container=\"web\"", { String(100 * $0) })])
        family("container_fs_writes_bytes", "counter", [("container=\"web\"", { String(200 * $0) })])
        family("container_network_receive_bytes", "counter", [
            ("container=\"web\",interface=\"eth0\"", { String(300 * $0) }), ("container=\"web\",interface=\"eth1\"", { String($0) }),
        ])
        family("container_network_transmit_bytes", "counter", [("container=\"web\"", { String(400 * $0) })])
        lines.append("# TYPE special_values gauge")
        for (i, text) in ["NaN", "+Inf", "-Inf", "1.5e3"].enumerated() {
            lines.append("special_values{container=\"web\"} \(text) \(Int(time(i)))")
        }
        lines.append("# EOF")
        return lines.joined(separator: "\n") + "\n"
    }
}
