import Foundation
import GRDB

/// Retries an operation that failed with SQLITE_BUSY / SQLITE_LOCKED, with exponential backoff.
///
/// SQLite's busy timeout already waits for the write lock; this covers the cases where SQLite
/// returns BUSY without waiting (a WAL snapshot conflict, recovery, or the file being created
/// by another process at the same moment). Delays are 1, 2, 4, … ms, capped at 100 ms.
struct BusyRetry: Sendable {
    var maxAttempts = 60
    var firstDelay = 0.001
    var maxDelay = 0.1

    func run<T>(_ operation: () throws -> T) throws -> T {
        var delay = firstDelay
        var attempt = 1
        while true {
            do {
                return try operation()
            } catch let error as DatabaseError where error.isBusyOrLocked {
                if attempt >= maxAttempts {
                    throw TrackingError.stillBusy(attempts: attempt, message: error.message ?? "\(error.resultCode)")
                }
                Thread.sleep(forTimeInterval: delay)
                delay = min(delay * 2, maxDelay)
                attempt += 1
            }
        }
    }
}

extension DatabaseError {
    var isBusyOrLocked: Bool {
        resultCode == .SQLITE_BUSY || resultCode == .SQLITE_LOCKED
    }
}
