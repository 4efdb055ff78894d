import Dispatch
import Foundation
import Synchronization

/// Runs `body(0)` on the calling thread and `body(1)` on one persistent worker thread, and
/// returns when both are done — the two-way split the LSTM uses for its two directions and
/// for element-wise passes in halves.
///
/// `DispatchQueue.concurrentPerform(iterations: 2)` does the same, but its second iteration
/// starts 45–57 µs late on this machine (a parked pool thread has to be woken; measured with
/// 50 µs and 1 ms bodies), which is 4 % of a one-window forecast (two layers, two splits).
/// This worker instead polls an atomic counter for `spinNanoseconds` after each job, so a
/// job posted within that time starts within microseconds; after it, the worker parks on a
/// semaphore and the next job wakes it (the old latency, once). Both sides call
/// `sched_yield` while they poll, so on a machine whose cores are taken by other threads the
/// polling gives way to them (and to its partner) instead of burning its time slice.
///
/// Calls from several threads at once are allowed: a call that finds the worker busy runs
/// through `concurrentPerform` instead. The worker thread is started by the first call and
/// ends when the `PairedWorker` is released.
public final class PairedWorker: Sendable {
    private let state: WorkerState

    /// `spinNanoseconds`: how long the worker keeps polling for the next job before parking.
    public init(spinNanoseconds: UInt64 = 2_000_000) {
        state = WorkerState(spinNanoseconds: spinNanoseconds)
    }

    deinit {
        state.stop.store(true, ordering: .sequentiallyConsistent)
        state.wake.signal()
    }

    /// `body(0)` here and `body(1)` on the worker; returns after both.
    public func run(_ body: (Int) -> Void) {
        guard state.busy.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged else {
            withoutActuallyEscaping(body) { body in
                let shared = SendableBody(body)
                DispatchQueue.concurrentPerform(iterations: 2) { shared.call($0) }
            }
            return
        }
        defer { state.busy.store(false, ordering: .releasing) }
        state.startIfNeeded()
        withoutActuallyEscaping(body) { body in
            state.job = body
            let ticket = state.posted.add(1, ordering: .sequentiallyConsistent).newValue
            if state.parked.load(ordering: .sequentiallyConsistent) { state.wake.signal() }
            body(0)
            // Yielding while waiting lets the worker run when other threads hold the cores.
            while state.finished.load(ordering: .acquiring) != ticket { sched_yield() }
            state.job = nil
        }
    }
}

/// A non-escaping body passed to `concurrentPerform` (it runs before the call returns).
private struct SendableBody: @unchecked Sendable {
    let call: (Int) -> Void
    init(_ call: @escaping (Int) -> Void) { self.call = call }
}

/// What the caller and the worker thread share. `job` is written by the caller before the
/// sequentially consistent increment of `posted` and read by the worker after it sees the
/// increment, and cleared only after `finished` says the worker is done with it.
private final class WorkerState: @unchecked Sendable {
    let spinNanoseconds: UInt64
    let posted = Atomic<Int>(0)
    let finished = Atomic<Int>(0)
    let parked = Atomic<Bool>(false)
    let busy = Atomic<Bool>(false)
    let stop = Atomic<Bool>(false)
    let started = Atomic<Bool>(false)
    let wake = DispatchSemaphore(value: 0)
    var job: ((Int) -> Void)?

    init(spinNanoseconds: UInt64) { self.spinNanoseconds = spinNanoseconds }

    /// Starts the worker thread on first use (callers hold `busy`, so only one can get here).
    func startIfNeeded() {
        guard !started.load(ordering: .relaxed) else { return }
        started.store(true, ordering: .relaxed)
        let thread = Thread { [self] in loop() }
        thread.name = "PairedWorker"
        thread.start()
    }

    private func loop() {
        var seen = 0
        while true {
            let spinStart = DispatchTime.now().uptimeNanoseconds
            while posted.load(ordering: .sequentiallyConsistent) == seen {
                if stop.load(ordering: .relaxed) { return }
                sched_yield()
                if DispatchTime.now().uptimeNanoseconds - spinStart > spinNanoseconds {
                    // Park, unless a job arrived after the last check (the caller signals
                    // only when it sees `parked`; one of the two sides sees the other).
                    parked.store(true, ordering: .sequentiallyConsistent)
                    if posted.load(ordering: .sequentiallyConsistent) == seen && !stop.load(ordering: .sequentiallyConsistent) {
                        wake.wait()
                    }
                    parked.store(false, ordering: .sequentiallyConsistent)
                    if stop.load(ordering: .sequentiallyConsistent) { return }
                    break
                }
            }
            guard posted.load(ordering: .sequentiallyConsistent) != seen else { continue }
            seen += 1
            job?(1)
            finished.store(seen, ordering: .releasing)
        }
    }
}
