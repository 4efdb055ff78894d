import Foundation
import Kernels
import Synchronization
import Testing

/// `PairedWorker`: both halves run, on two different threads, before `run` returns; the
/// worker is found again after it parked (spin 0: it parks after every job, so every job
/// goes through the wake-up handshake, where a lost wake-up would hang the test); several
/// threads calling at once all get both halves.
@Suite(.timeLimit(.minutes(1))) struct PairedWorkerTests {
    @Test(arguments: [UInt64(0), 2_000_000])
    func runsBothHalvesOnTwoThreadsBeforeReturning(spinNanoseconds: UInt64) {
        let worker = PairedWorker(spinNanoseconds: spinNanoseconds)
        let counts = Counts()
        for round in 1...300 {
            worker.run { half in
                counts.add(half, thread: pthread_self())
            }
            #expect(counts.value(0) == round && counts.value(1) == round, "round \(round) returned before both halves")
            if counts.value(0) != round || counts.value(1) != round { break }
        }
        #expect(counts.sameThreadRounds == 0, "both halves ran on one thread")
    }

    @Test func concurrentCallersAllGetBothHalves() {
        let worker = PairedWorker()
        let total = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: 4) { _ in
            for _ in 0..<500 {
                let halves = Atomic<Int>(0)
                worker.run { half in halves.add(half + 1, ordering: .relaxed) }
                if halves.load(ordering: .relaxed) == 3 { total.add(1, ordering: .relaxed) }
            }
        }
        #expect(total.load(ordering: .relaxed) == 2_000)
    }
}

/// Per-half run counts and the threads the halves of the last round ran on.
private final class Counts: @unchecked Sendable {
    private let lock = NSLock()
    private var counts = [0, 0]
    private var threads: [pthread_t?] = [nil, nil]
    private(set) var sameThreadRounds = 0

    func add(_ half: Int, thread: pthread_t) {
        lock.lock(); defer { lock.unlock() }
        counts[half] += 1
        threads[half] = thread
        if counts[0] == counts[1], let a = threads[0], let b = threads[1], pthread_equal(a, b) != 0 { sameThreadRounds += 1 }
    }

    func value(_ half: Int) -> Int {
        lock.lock(); defer { lock.unlock() }
        return counts[half]
    }
}
