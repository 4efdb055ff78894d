/// Settings of `WorkloadGenerator`. Defaults: 3 containers, 14 days at 15 s from
/// 2026-01-05T00:00:00Z (a Monday), so the first rows fall on a working day.
public struct WorkloadConfig: Sendable, Equatable {
    /// 2026-01-05T00:00:00Z in seconds since 1970.
    public static let defaultStart: Double = 1_767_571_200
    public static let defaultSeed: UInt64 = 42

    public var containers: Int
    public var days: Double
    /// Seconds between samples.
    public var interval: Double
    /// Seconds since 1970 of the first sample.
    public var start: Double

    public init(containers: Int = 3, days: Double = 14, interval: Double = 15, start: Double = WorkloadConfig.defaultStart) {
        self.containers = containers
        self.days = days
        self.interval = interval
        self.start = start
    }

    /// Number of samples per container: ⌊days·86400 / interval⌋.
    public var stepCount: Int { Int((days * 86_400 / interval).rounded(.down)) }

    func validate() throws(IngestError) {
        guard containers >= 1, containers <= 10_000 else {
            throw .invalidSetting(name: "containers", value: String(containers), expected: "a whole number from 1 to 10000")
        }
        guard days.isFinite, days > 0, days <= 3660 else {
            throw .invalidSetting(name: "days", value: String(days), expected: "a number of days greater than 0 and at most 3660")
        }
        guard interval.isFinite, interval >= 0.001, interval <= 86_400 else {
            throw .invalidSetting(name: "interval", value: String(interval), expected: "seconds from 0.001 to 86400 (one day)")
        }
        guard start.isFinite else {
            throw .invalidSetting(name: "start", value: String(start), expected: "a finite number of seconds since 1970")
        }
        guard stepCount >= 1 else {
            throw .invalidSetting(name: "days", value: String(days), expected: "a span of at least one interval")
        }
    }
}
