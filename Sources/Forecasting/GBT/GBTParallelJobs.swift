import Foundation
import Kernels
import Synchronization

/// Runs `count` independent jobs on the calling thread and one `PairedWorker` thread,
/// each side taking the next job index from a shared counter (so long and short boosters
/// balance), and returns the results in job order; the first error (lowest job index)
/// is rethrown after both sides finish. XGBoost runs single-threaded inside each job.
func runGBTJobs<T: Sendable>(_ count: Int, worker: PairedWorker, _ job: @Sendable (Int) throws -> T) throws -> [T] {
    let next = Atomic<Int>(0)
    let results = Mutex<[Int: Result<T, any Error>]>([:])
    worker.run { _ in
        while true {
            let i = next.add(1, ordering: .relaxed).oldValue
            guard i < count else { return }
            let outcome = Result { try job(i) }
            results.withLock { $0[i] = outcome }
        }
    }
    return try results.withLock { done in try (0..<count).map { try done[$0]!.get() } }
}
