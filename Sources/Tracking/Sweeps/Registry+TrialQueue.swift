import Foundation
import GRDB

/// The sweep trial queue: enqueue, claim and read. Every call is one transaction; the SQL is
/// portable (conditional UPDATEs whose changed-row count decides, `ON CONFLICT DO NOTHING`), so a
/// PostgreSQL backend can run the same protocol. See docs/formats/registry.md#sweep_trials.
extension Registry {
    public func enqueueTrial(sweep: RunID, number: Int, params: String) throws -> Bool {
        guard number >= 0 else { throw TrackingError.invalidTrialNumber(sweep: sweep.rawValue, number: number) }
        try Self.validateTrialParams(params, sweep: sweep, number: number)
        return try write { db -> Bool in
            _ = try Self.runKey(sweep, db)
            try db.execute(sql: """
                INSERT INTO sweep_trials(sweep, number, params, state, attempts) VALUES (?, ?, ?, 'queued', 0)
                ON CONFLICT (sweep, number) DO NOTHING
                """, arguments: [sweep.rawValue, number, params])
            if db.changesCount == 1 { return true }
            let existing = try String.fetchOne(db, sql: "SELECT params FROM sweep_trials WHERE sweep = ? AND number = ?",
                                               arguments: [sweep.rawValue, number]) ?? ""
            guard existing == params else {
                throw TrackingError.trialConflict(sweep: sweep.rawValue, number: number, existing: existing, attempted: params)
            }
            return false
        }
    }

    public func claimTrial(sweep: RunID, worker: String, staleAfter: Double) throws -> ClaimedTrial? {
        try NameRules.validate(kind: "worker name", worker)
        guard staleAfter >= 0 else { throw TrackingError.invalidStaleAfter(String(staleAfter)) }
        let now = clock.now()
        let cutoff = now - staleAfter
        return try write { db -> ClaimedTrial? in
            _ = try Self.runKey(sweep, db)
            let requeued = try TrialRequeue.requeueAbandoned(sweep: sweep, cutoff: cutoff, db)
            while let next = try Row.fetchOne(db, sql: """
                SELECT number, params FROM sweep_trials WHERE sweep = ? AND state = 'queued' ORDER BY number LIMIT 1
                """, arguments: [sweep.rawValue]) {
                let number: Int = next[0]
                try db.execute(sql: """
                    UPDATE sweep_trials SET state = 'running', worker = ?, claimed_at = ?, heartbeat_at = ?, attempts = attempts + 1
                    WHERE sweep = ? AND number = ? AND state = 'queued'
                    """, arguments: [worker, now, now, sweep.rawValue, number])
                // Zero rows: another claimer took it between the SELECT and the UPDATE (possible under
                // PostgreSQL's READ COMMITTED, never under SQLite's single writer); try the next one.
                guard db.changesCount == 1 else { continue }
                let attempt = try Int.fetchOne(db, sql: "SELECT attempts FROM sweep_trials WHERE sweep = ? AND number = ?",
                                               arguments: [sweep.rawValue, number]) ?? 1
                return ClaimedTrial(sweep: sweep, number: number, params: next[1], worker: worker, attempt: attempt,
                                    claimedAt: now, requeued: requeued)
            }
            return nil
        }
    }

    public func trials(sweep: RunID) throws -> [SweepTrial] {
        try read { db in
            _ = try Self.runKey(sweep, db)
            return try Row.fetchAll(db, sql: """
                SELECT number, params, state, run_id, worker, claimed_at, heartbeat_at, finished_at, objective, attempts
                FROM sweep_trials WHERE sweep = ? ORDER BY number
                """, arguments: [sweep.rawValue]).map { row in
                    let state: String = row[2]
                    let run: String? = row[3]
                    return SweepTrial(
                        sweep: sweep, number: row[0], params: row[1], state: TrialState(rawValue: state) ?? .queued,
                        run: run.map { RunID(trusted: $0) }, worker: row[4], claimedAt: row[5], heartbeatAt: row[6],
                        finishedAt: row[7], objective: row[8], attempts: row[9])
                }
        }
    }

    /// Params must be a JSON object (the sampler's canonical JSON); anything else is refused
    /// before it reaches the queue.
    static func validateTrialParams(_ params: String, sweep: RunID, number: Int) throws {
        let parsed: Any
        do {
            parsed = try JSONSerialization.jsonObject(with: Data(params.utf8))
        } catch {
            throw TrackingError.invalidTrialParams(sweep: sweep.rawValue, number: number, params: params, reason: "it is not valid JSON")
        }
        guard parsed is [String: Any] else {
            throw TrackingError.invalidTrialParams(sweep: sweep.rawValue, number: number, params: params, reason: "it is not an object")
        }
    }
}
