import Foundation

/// Finished stage executions handed from worker threads to the runner's loop, which
/// waits on it when nothing else can start.
final class CompletionQueue: @unchecked Sendable {
    struct Completion {
        let index: Int
        let result: Result<CacheManifest, any Error>
        let seconds: Double
    }

    private let condition = NSCondition()
    private var done: [Completion] = []

    func push(_ completion: Completion) {
        condition.lock()
        done.append(completion)
        condition.signal()
        condition.unlock()
    }

    /// Every completion so far, waiting for at least one.
    func wait() -> [Completion] {
        condition.lock()
        defer { condition.unlock() }
        while done.isEmpty { condition.wait() }
        let all = done
        done = []
        return all
    }
}
