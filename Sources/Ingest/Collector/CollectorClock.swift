import Foundation

/// Time for the collector: the current time and a way to wait. Tests pass a fake that
/// advances instantly; only `main` creates a `SystemClock`.
public protocol CollectorClock: Sendable {
    /// Seconds since 1970-01-01 UTC.
    func now() -> Double
    /// Blocks for `seconds` (≤ 0 returns at once).
    func sleep(seconds: Double)
}

/// The machine's wall clock and `Thread.sleep`.
public struct SystemClock: CollectorClock {
    public init() {}

    public func now() -> Double {
        Date().timeIntervalSince1970
    }

    public func sleep(seconds: Double) {
        guard seconds > 0 else { return }
        Thread.sleep(forTimeInterval: seconds)
    }
}
