import GRDB

/// Puts abandoned trials back in the queue: the first step of every claim.
///
/// Staleness rule (the registry's rule for runs, applied to the trial): a `running` trial is
/// abandoned when neither its own heartbeat (`heartbeat_at`: claim, `heartbeatTrial`, `attachRun`)
/// nor the heartbeat of its run (any logging, `heartbeat(run:)`, a `HeartbeatPump`) is at or after
/// `now − staleAfter`. With the same window this is exactly when its RUNNING run reads as KILLED
/// (`runs show`, `runs gc`), so a worker that keeps its run alive keeps its trial.
///
/// Portable SQL only: a SELECT of candidates, then per candidate a conditional UPDATE that repeats
/// the staleness test and counts the rows it changed, so two claimers cannot both requeue (and
/// then both count) the same trial, under SQLite's single writer or PostgreSQL's row locks alike.
enum TrialRequeue {
    /// The trials of `sweep` found abandoned at `cutoff` (= now − staleAfter) and requeued, in
    /// number order. Their RUNNING runs become KILLED, ending at their last heartbeat.
    static func requeueAbandoned(sweep: RunID, cutoff: Double, _ db: Database) throws -> [Int] {
        let candidates = try Row.fetchAll(db, sql: """
            SELECT t.number, t.run_id FROM sweep_trials t
            WHERE t.sweep = ? AND t.state = 'running' AND t.heartbeat_at < ?
              AND (t.run_id IS NULL OR NOT EXISTS (SELECT 1 FROM runs r WHERE r.id = t.run_id AND r.heartbeat >= ?))
            ORDER BY t.number
            """, arguments: [sweep.rawValue, cutoff, cutoff])
        var requeued: [Int] = []
        for candidate in candidates {
            let number: Int = candidate[0]
            let run: String? = candidate[1]
            try db.execute(sql: """
                UPDATE sweep_trials SET state = 'queued', worker = NULL, claimed_at = NULL, heartbeat_at = NULL, run_id = NULL
                WHERE sweep = ? AND number = ? AND state = 'running' AND heartbeat_at < ?
                  AND (run_id IS NULL OR NOT EXISTS (SELECT 1 FROM runs r WHERE r.id = sweep_trials.run_id AND r.heartbeat >= ?))
                """, arguments: [sweep.rawValue, number, cutoff, cutoff])
            guard db.changesCount == 1 else { continue }
            if let run {
                try db.execute(sql: """
                    UPDATE runs SET status = 'KILLED',
                        end_time = CASE WHEN heartbeat < start_time THEN start_time ELSE heartbeat END
                    WHERE id = ? AND status = 'RUNNING'
                    """, arguments: [run])
            }
            requeued.append(number)
        }
        return requeued
    }
}
