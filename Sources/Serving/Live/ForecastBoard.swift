import Foundation
import Synchronization

/// The latest forecasts and recommendation of each watched container: what `autoscale
/// serve` answers on `/v1/forecast` and `/v1/recommendation` and exports on `/metrics`.
/// Written by `ContainerRefresher` (each `watch` cycle), read by any number of request
/// handlers; safe to share between threads.
///
/// A refresh that fails keeps the last good forecasts and marks them stale: `age(now)` =
/// now − `updatedAt` says how old they are, `lastError` why the refresh failed.
public final class ForecastBoard: Sendable {
    private let entries = Mutex<[String: BoardEntry]>([:])

    public init() {}

    /// The entry of `container`, if it was ever refreshed.
    public func entry(_ container: String) -> BoardEntry? { entries.withLock { $0[container] } }

    /// Every container's entry, sorted by container.
    public var all: [BoardEntry] { entries.withLock { $0.values.sorted { $0.container < $1.container } } }

    public var containers: [String] { entries.withLock { $0.keys.sorted() } }

    /// Records a successful refresh at `now`: new forecasts and recommendation, not stale.
    public func succeeded(container: String, forecast: ContainerForecast, recommendation: Recommendation?, state: ScalingState?,
                          notes: [String], now: Double) {
        entries.withLock { table in
            table[container] = BoardEntry(container: container, forecast: forecast, recommendation: recommendation,
                                          scalingState: state ?? table[container]?.scalingState, notes: notes,
                                          updatedAt: now, attemptedAt: now, lastError: nil)
        }
    }

    /// Records a failed refresh at `now`: the previous forecasts stay, now stale.
    public func failed(container: String, error: String, now: Double) {
        entries.withLock { table in
            var entry = table[container] ?? BoardEntry(container: container)
            entry.attemptedAt = now
            entry.lastError = error
            table[container] = entry
        }
    }
}

/// One container on the board.
public struct BoardEntry: Sendable, Equatable {
    public var container: String
    /// The last successful forecasts (nil until one refresh succeeded).
    public var forecast: ContainerForecast?
    /// The policy's decision from those forecasts (nil when the policy names no forecast metric).
    public var recommendation: Recommendation?
    /// What the policy remembers between this container's decisions.
    public var scalingState: ScalingState?
    /// Why there is no recommendation, or other remarks of the last refresh.
    public var notes: [String] = []
    /// Epoch seconds of the last successful refresh.
    public var updatedAt: Double?
    /// Epoch seconds of the last refresh, successful or not.
    public var attemptedAt: Double?
    /// Why the last refresh failed (nil after a success).
    public var lastError: String?

    public init(container: String, forecast: ContainerForecast? = nil, recommendation: Recommendation? = nil,
                scalingState: ScalingState? = nil, notes: [String] = [], updatedAt: Double? = nil, attemptedAt: Double? = nil,
                lastError: String? = nil) {
        self.container = container
        self.forecast = forecast
        self.recommendation = recommendation
        self.scalingState = scalingState
        self.notes = notes
        self.updatedAt = updatedAt
        self.attemptedAt = attemptedAt
        self.lastError = lastError
    }

    /// Stale: the last refresh failed, so the forecasts (if any) are from an earlier one.
    public var isStale: Bool { lastError != nil }

    /// Seconds since the last successful refresh.
    public func age(now: Double) -> Double? { updatedAt.map { max(0, now - $0) } }
}
