import Dispatch
import ServiceLifecycle

/// A service that runs `work` (blocking, on a Dispatch thread) now and then every
/// `seconds`, until graceful shutdown: the `watch` loop and the registry poll. A cycle in
/// progress when shutdown begins finishes first.
struct PeriodicService: Service {
    let seconds: Double
    /// Run once at start as well (false: the first run is after one interval).
    let runAtStart: Bool
    let work: @Sendable () -> Void

    func run() async throws {
        if runAtStart { await Self.offThread(work) }
        do {
            try await cancelWhenGracefulShutdown {
                while true {
                    try await Task.sleep(for: .milliseconds(Int64(seconds * 1000)))
                    await Self.offThread(work)
                }
            }
        } catch is CancellationError {
            return  // shutdown: stop between cycles
        }
    }

    /// Runs blocking work on a Dispatch thread, so a slow Prometheus never holds a Swift
    /// concurrency thread the HTTP server needs.
    static func offThread(_ work: @escaping @Sendable () -> Void) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            DispatchQueue.global().async {
                work()
                continuation.resume()
            }
        }
    }
}
