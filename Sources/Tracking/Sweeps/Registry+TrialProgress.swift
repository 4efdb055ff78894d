import GRDB

/// What a worker does with a trial it holds: heartbeat it, attach the child run that executes it,
/// finish it. Each write is a conditional UPDATE on `state = 'running' AND attempts = <the claim's
/// attempt>`; no changed row means the claim was lost (`TrackingError.trialClaimLost`).
extension Registry {
    public func heartbeatTrial(sweep: RunID, number: Int, attempt: Int) throws {
        let now = clock.now()
        try write { db in
            try Self.updateHeldTrial(sweep: sweep, number: number, attempt: attempt,
                                     set: "heartbeat_at = ?", [now], db)
            try Self.refreshTrialRunHeartbeat(sweep: sweep, number: number, now: now, db)
        }
    }

    public func attachRun(sweep: RunID, number: Int, attempt: Int, run: RunID) throws {
        let now = clock.now()
        try write { db in
            guard let parent = try Row.fetchOne(db, sql: "SELECT parent_id FROM runs WHERE id = ?", arguments: [run.rawValue]) else {
                throw TrackingError.runNotFound(prefix: run.rawValue)
            }
            let parentId: String? = parent[0]
            guard parentId == sweep.rawValue else {
                throw TrackingError.runNotInSweep(run: run.rawValue, sweep: sweep.rawValue, parent: parentId)
            }
            let attached = try String.fetchOne(db, sql: "SELECT run_id FROM sweep_trials WHERE sweep = ? AND number = ? AND run_id IS NOT NULL",
                                               arguments: [sweep.rawValue, number])
            if let attached, attached != run.rawValue {
                throw TrackingError.trialHasRun(sweep: sweep.rawValue, number: number, run: attached, attempted: run.rawValue)
            }
            try Self.updateHeldTrial(sweep: sweep, number: number, attempt: attempt,
                                     set: "run_id = ?, heartbeat_at = ?", [run.rawValue, now], db)
        }
    }

    public func finishTrial(sweep: RunID, number: Int, attempt: Int, state: TrialState, objective: Double?) throws {
        func refuse(_ reason: String) -> TrackingError {
            TrackingError.invalidTrialOutcome(sweep: sweep.rawValue, number: number, state: state.rawValue,
                                              objective: objective.map { String($0) }, reason: reason)
        }
        guard let runStatus = state.runStatus else { throw refuse("a trial finishes as complete, pruned or failed") }
        if let objective, objective.isNaN { throw refuse("an objective cannot be NaN; finish the trial as failed instead") }
        if objective != nil && state == .failed { throw refuse("a failed trial has no objective") }
        let now = clock.now()
        try write { db in
            try Self.updateHeldTrial(sweep: sweep, number: number, attempt: attempt,
                                     set: "state = ?, objective = ?, finished_at = ?, heartbeat_at = ?",
                                     [state.rawValue, objective, now, now], db)
            // The run ends with its trial, in the same transaction, unless the caller ended it already.
            try db.execute(sql: """
                UPDATE runs SET status = ?,
                    heartbeat = CASE WHEN heartbeat < ? THEN ? ELSE heartbeat END,
                    end_time = CASE WHEN ? < start_time THEN start_time ELSE ? END
                WHERE id = (SELECT run_id FROM sweep_trials WHERE sweep = ? AND number = ?) AND status = 'RUNNING'
                """, arguments: [runStatus.rawValue, now, now, now, now, sweep.rawValue, number])
        }
    }

    /// Applies `set` to the trial only while claim `attempt` holds it; otherwise says what the
    /// trial is now (`trialClaimLost`) or that it does not exist.
    static func updateHeldTrial(sweep: RunID, number: Int, attempt: Int, set assignments: String,
                                _ values: [(any DatabaseValueConvertible)?], _ db: Database) throws {
        try db.execute(
            sql: "UPDATE sweep_trials SET \(assignments) WHERE sweep = ? AND number = ? AND state = 'running' AND attempts = ?",
            arguments: StatementArguments(values + [sweep.rawValue, number, attempt]))
        guard db.changesCount == 0 else { return }
        guard let current = try Row.fetchOne(db, sql: "SELECT state, attempts FROM sweep_trials WHERE sweep = ? AND number = ?",
                                             arguments: [sweep.rawValue, number]) else {
            throw TrackingError.trialNotFound(sweep: sweep.rawValue, number: number)
        }
        throw TrackingError.trialClaimLost(sweep: sweep.rawValue, number: number, attempt: attempt,
                                           state: current[0], currentAttempt: current[1])
    }

    /// Moves the heartbeat of the trial's run forward to `now` (a trial heartbeat is also a run heartbeat).
    static func refreshTrialRunHeartbeat(sweep: RunID, number: Int, now: Double, _ db: Database) throws {
        try db.execute(sql: """
            UPDATE runs SET heartbeat = ?
            WHERE id = (SELECT run_id FROM sweep_trials WHERE sweep = ? AND number = ?) AND heartbeat < ?
            """, arguments: [now, sweep.rawValue, number, now])
    }
}
