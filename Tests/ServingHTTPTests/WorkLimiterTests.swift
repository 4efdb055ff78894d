import Dispatch
@testable import ServingHTTP
import Testing

/// The limiter of concurrent predictions: a full queue refuses at once (the server's
/// 503), a waiting request runs when the slot frees, in arrival order.
@Suite struct WorkLimiterTests {
    /// Work that blocks until `gate` is signalled.
    func blocked(_ limiter: WorkLimiter, _ gate: DispatchSemaphore, value: Int) -> Task<Int?, any Error> {
        Task { try await limiter.run { gate.wait(); return value } }
    }

    func waitFor(_ limiter: WorkLimiter, running: Int, waiting: Int) async throws {
        for _ in 0..<6000 {
            if limiter.load == (running, waiting) { return }
            try await Task.sleep(for: .milliseconds(10))
        }
        Issue.record("the limiter never reached \(running) running and \(waiting) waiting: \(limiter.load)")
    }

    @Test func fullQueueRefusesAndWaitersRunInOrder() async throws {
        let limiter = WorkLimiter(limit: 1, maxQueued: 1)
        let gate = DispatchSemaphore(value: 0)
        let first = blocked(limiter, gate, value: 1)
        try await waitFor(limiter, running: 1, waiting: 0)
        let second = blocked(limiter, gate, value: 2)
        try await waitFor(limiter, running: 1, waiting: 1)
        let refused = try await limiter.run { 3 }
        #expect(refused == nil)
        gate.signal()
        #expect(try await first.value == 1)
        gate.signal()
        #expect(try await second.value == 2)
        #expect(limiter.load == (0, 0))
        #expect(try await limiter.run { 4 } == 4)
    }
}
