import Foundation

/// Wall-clock time in seconds since 1970-01-01 UTC. Injected so tests control time.
public protocol TrackingClock: Sendable {
    func now() -> Double
}

/// The system clock: what `main` uses.
public struct SystemTrackingClock: TrackingClock {
    public init() {}
    public func now() -> Double { Date().timeIntervalSince1970 }
}

/// A clock for tests: starts at `start` and advances by `tick` seconds on every reading,
/// so successive events get distinct, predictable times.
public final class SteppingClock: TrackingClock, @unchecked Sendable {
    private let lock = NSLock()
    private var current: Double
    private let tick: Double

    public init(start: Double, tick: Double = 1) {
        self.current = start
        self.tick = tick
    }

    public func now() -> Double {
        lock.lock()
        defer { lock.unlock() }
        let value = current
        current += tick
        return value
    }

    /// Jumps forward by `seconds` (e.g. to make heartbeats stale).
    public func advance(by seconds: Double) {
        lock.lock()
        current += seconds
        lock.unlock()
    }
}
