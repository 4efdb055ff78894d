/// Cumulative machine (or cgroup) counters at one instant, as read from /sys or /proc.
public struct CounterSnapshot: Sendable, Equatable {
    /// CPU time spent busy, seconds (cgroup `usage_usec`/10⁶, or /proc/stat non-idle ticks / USER_HZ).
    public var cpuSeconds: Double
    /// Memory in use, bytes (cgroup `memory.current`, or MemTotal − MemAvailable).
    public var memoryBytes: Double
    public var diskReadBytes: Double
    public var diskWriteBytes: Double
    public var networkReceiveBytes: Double
    public var networkTransmitBytes: Double

    public init(
        cpuSeconds: Double, memoryBytes: Double, diskReadBytes: Double, diskWriteBytes: Double,
        networkReceiveBytes: Double, networkTransmitBytes: Double
    ) {
        self.cpuSeconds = cpuSeconds
        self.memoryBytes = memoryBytes
        self.diskReadBytes = diskReadBytes
        self.diskWriteBytes = diskWriteBytes
        self.networkReceiveBytes = networkReceiveBytes
        self.networkTransmitBytes = networkTransmitBytes
    }
}

/// Which file each group of counters comes from.
public struct CounterSources: Sendable, Equatable {
    public enum Source: String, Sendable, Equatable {
        case cgroupV2 = "cgroup v2"
        case procfs
    }

    public var cpu: Source
    public var memory: Source
    public var disk: Source
    /// Network counters always come from /proc/net/dev (the current network namespace).
    public var network: Source { .procfs }
}
