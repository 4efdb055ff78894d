import Foundation

/// Heartbeats a run on a background queue every `interval` seconds until `stop()` (or release),
/// for stages that go quiet for longer than the staleness window (a long fit logs nothing).
/// A failed heartbeat is kept in `lastError` rather than thrown into the void.
public final class HeartbeatPump: @unchecked Sendable {
    private let timer: DispatchSourceTimer
    private let lock = NSLock()
    private var error: (any Error)?

    /// Starts heartbeating `run` through `tracker` immediately and then every `interval` seconds.
    public init(tracker: any Tracker, run: RunID, interval: Double = 15) {
        timer = DispatchSource.makeTimerSource(queue: DispatchQueue(label: "heartbeat-\(run.short)"))
        timer.schedule(deadline: .now(), repeating: interval)
        timer.setEventHandler { [weak self] in
            do {
                try tracker.heartbeat(run: run)
            } catch {
                self?.record(error)
            }
        }
        timer.resume()
    }

    /// The most recent heartbeat failure, if any.
    public var lastError: (any Error)? {
        lock.lock()
        defer { lock.unlock() }
        return error
    }

    public func stop() { timer.cancel() }

    deinit { timer.cancel() }

    private func record(_ error: any Error) {
        lock.lock()
        self.error = error
        lock.unlock()
    }
}
