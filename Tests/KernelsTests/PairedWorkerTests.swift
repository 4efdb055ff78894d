import Foundation
import Kernels
import Synchronization
import Testing

/// `PairedWorker`: both halves run, on two different threads, before `run` returns; the
/// worker is found again after it parked (spin 0: it parks after every job, so every job
/// goes through the wake-up handshake, where a lost wake-up would hang); several threads
/// calling at once all get both halves.
///
/// A hang is caught by `withWatchdog`, which times the rounds themselves on a thread of their
/// own. A suite time limit is no use here: Swift Testing starts its clock when the test starts,
/// and in the full parallel run the test's cases then wait behind the CPU-bound suites for one
/// of the two pool threads, so a 1-minute limit failed CI on a test whose rounds take
/// milliseconds.
@Suite struct PairedWorkerTests {
    @Test(arguments: [UInt64(0), 2_000_000])
    func runsBothHalvesOnTwoThreadsBeforeReturning(spinNanoseconds: UInt64) {
        let worker = PairedWorker(spinNanoseconds: spinNanoseconds)
        let counts = Counts()
        let finished = withWatchdog(seconds: 120) {
            for round in 1...300 {
                worker.run { half in
                    counts.add(half, thread: pthread_self())
                }
                if counts.value(0) != round || counts.value(1) != round {
                    counts.noteEarlyReturn(round)
                    return
                }
            }
        }
        #expect(finished, "300 rounds did not finish in 120 s: a lost wake-up")
        #expect(counts.earlyReturnRound == nil, "round \(counts.earlyReturnRound ?? 0) returned before both halves")
        #expect(counts.value(0) == 300 && counts.value(1) == 300)
        #expect(counts.sameThreadRounds == 0, "both halves ran on one thread")
    }

    @Test func concurrentCallersAllGetBothHalves() {
        let worker = PairedWorker()
        let total = Atomic<Int>(0)
        let finished = withWatchdog(seconds: 120) {
            DispatchQueue.concurrentPerform(iterations: 4) { _ in
                for _ in 0..<500 {
                    let halves = Atomic<Int>(0)
                    worker.run { half in halves.add(half + 1, ordering: .relaxed) }
                    if halves.load(ordering: .relaxed) == 3 { total.add(1, ordering: .relaxed) }
                }
            }
        }
        #expect(finished, "2,000 concurrent calls did not finish in 120 s: a lost wake-up")
        #expect(total.load(ordering: .relaxed) == 2_000)
    }
}

/// Runs `body` on a thread of its own and waits at most `seconds` for it; false when it did
/// not finish (the thread is then left hanging, and the test fails instead of the run).
private func withWatchdog(seconds: Int, _ body: @escaping @Sendable () -> Void) -> Bool {
    let done = DispatchSemaphore(value: 0)
    let thread = Thread {
        body()
        done.signal()
    }
    thread.start()
    return done.wait(timeout: .now() + .seconds(seconds)) == .success
}

/// Per-half run counts, the threads the halves of the last round ran on, and the first round
/// that returned before both halves ran.
private final class Counts: @unchecked Sendable {
    private let lock = NSLock()
    private var counts = [0, 0]
    private var threads: [pthread_t?] = [nil, nil]
    private var sameThreads = 0
    private var earlyReturn: Int?

    func add(_ half: Int, thread: pthread_t) {
        lock.lock(); defer { lock.unlock() }
        counts[half] += 1
        threads[half] = thread
        if counts[0] == counts[1], let a = threads[0], let b = threads[1], pthread_equal(a, b) != 0 { sameThreads += 1 }
    }

    func value(_ half: Int) -> Int {
        lock.lock(); defer { lock.unlock() }
        return counts[half]
    }

    func noteEarlyReturn(_ round: Int) {
        lock.lock(); defer { lock.unlock() }
        earlyReturn = round
    }

    var sameThreadRounds: Int {
        lock.lock(); defer { lock.unlock() }
        return sameThreads
    }

    var earlyReturnRound: Int? {
        lock.lock(); defer { lock.unlock() }
        return earlyReturn
    }
}
