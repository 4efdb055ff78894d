/// The six resource metrics the project forecasts, with their CSV names.
///
/// `cpu` (cores in use) and `memory` (bytes) are gauges; the disk and network metrics are
/// cumulative byte counters that restart from 0 when their container restarts.
public enum ResourceMetric: String, Sendable, CaseIterable, Codable {
    case cpu
    case memory
    case diskReads = "disk_reads"
    case diskWrites = "disk_writes"
    case networkRx = "network_rx"
    case networkTx = "network_tx"

    public var isCounter: Bool {
        switch self {
        case .cpu, .memory: return false
        case .diskReads, .diskWrites, .networkRx, .networkTx: return true
        }
    }

    /// Decimal places written to CSV: cpu to 0.1 millicore, bytes as whole numbers.
    public var decimals: Int { self == .cpu ? 4 : 0 }
}

/// One value per `ResourceMetric` at one instant.
public struct ResourceSample: Sendable, Equatable {
    public var cpu: Double
    public var memory: Double
    public var diskReads: Double
    public var diskWrites: Double
    public var networkRx: Double
    public var networkTx: Double

    public init(cpu: Double, memory: Double, diskReads: Double, diskWrites: Double, networkRx: Double, networkTx: Double) {
        self.cpu = cpu
        self.memory = memory
        self.diskReads = diskReads
        self.diskWrites = diskWrites
        self.networkRx = networkRx
        self.networkTx = networkTx
    }

    public subscript(metric: ResourceMetric) -> Double {
        switch metric {
        case .cpu: return cpu
        case .memory: return memory
        case .diskReads: return diskReads
        case .diskWrites: return diskWrites
        case .networkRx: return networkRx
        case .networkTx: return networkTx
        }
    }
}
