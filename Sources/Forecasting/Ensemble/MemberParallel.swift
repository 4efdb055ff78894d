import Foundation
import Kernels

/// Runs independent member jobs on the two cores: the calling thread and one
/// `PairedWorker` thread each take the next unclaimed index until none is left, so jobs of
/// unequal cost (an AutoARIMA search beside a naive fit) still keep both threads busy.
enum MemberParallel {
    /// [body(0), …, body(count − 1)], computed two at a time. When jobs throw, the error of
    /// the lowest index is rethrown (after every job has ended).
    static func map<T>(_ count: Int, _ body: (Int) throws -> T) throws -> [T] {
        guard count > 1 else { return try (0..<count).map(body) }
        let slots = ResultSlots<T>(count: count)
        PairedWorker().run { _ in
            while let index = slots.claim() {
                slots.store(index, Result { try body(index) })
            }
        }
        return try slots.values()
    }
}

/// The results of `MemberParallel.map`, one slot per job, and the next job to claim.
private final class ResultSlots<T>: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0
    private var slots: [Result<T, any Error>?]

    init(count: Int) {
        slots = Array(repeating: nil, count: count)
    }

    func claim() -> Int? {
        lock.withLock {
            guard next < slots.count else { return nil }
            defer { next += 1 }
            return next
        }
    }

    func store(_ index: Int, _ result: Result<T, any Error>) {
        lock.withLock { slots[index] = result }
    }

    func values() throws -> [T] {
        try lock.withLock { slots }.map { try $0!.get() }
    }
}
