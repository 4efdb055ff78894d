import Dispatch
import Synchronization

/// Bounds the predictions computed at once: at most `limit` run, up to `maxQueued` more
/// wait in arrival order, and a request beyond that is refused (the server answers 503
/// with `Retry-After: 1`). The work itself runs on Dispatch's threads, so CPU-bound
/// forecasts never hold the threads Swift concurrency and the HTTP server run on.
final class WorkLimiter: Sendable {
    private struct State {
        var running = 0
        var waiting: [CheckedContinuation<Bool, Never>] = []
    }

    let limit: Int
    let maxQueued: Int
    private let state = Mutex(State())

    init(limit: Int, maxQueued: Int) {
        self.limit = limit
        self.maxQueued = maxQueued
    }

    /// Runs `work` once a slot is free; nil when the queue is full (nothing ran).
    func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T? {
        guard await acquire() else { return nil }
        defer { release() }
        return try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try work() })
            }
        }
    }

    /// Predictions running and waiting now.
    var load: (running: Int, waiting: Int) { state.withLock { ($0.running, $0.waiting.count) } }

    private func acquire() async -> Bool {
        await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
            let now: Bool? = state.withLock { s in
                if s.running < limit {
                    s.running += 1
                    return true
                }
                guard s.waiting.count < maxQueued else { return false }
                s.waiting.append(continuation)
                return nil
            }
            if let now { continuation.resume(returning: now) }
        }
    }

    /// Hands the slot to the first waiter, or frees it.
    private func release() {
        let next: CheckedContinuation<Bool, Never>? = state.withLock { s in
            if s.waiting.isEmpty {
                s.running -= 1
                return nil
            }
            return s.waiting.removeFirst()
        }
        next?.resume(returning: true)
    }
}
