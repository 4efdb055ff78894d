import Foundation
import GRDB
import Testing
@testable import Tracking

/// The sweep trial queue in one process (in-memory registry, stepping clock): enqueue, claim
/// order, the staleness rule, claim fencing, outcomes and the table's constraints.
@Suite struct SweepTrialQueueTests {
    let clock = SteppingClock(start: 1_800_000_000, tick: 1)
    let registry: Registry
    let sweep: RunID

    init() throws {
        registry = try Registry.inMemory(clock: clock, ids: SeededRunIDGenerator(seed: 5))
        sweep = try registry.createRun(RunSpec(experiment: "sweep", name: "sweep-lstm"))
    }

    func params(_ number: Int) -> String { "{\"lr\":0.00\(number + 1)}" }

    @Test func enqueueIsIdempotentAndRefusesOtherParams() throws {
        #expect(try registry.enqueueTrial(sweep: sweep, number: 0, params: params(0)))
        #expect(try !registry.enqueueTrial(sweep: sweep, number: 0, params: params(0)))
        #expect(throws: TrackingError.trialConflict(sweep: sweep.rawValue, number: 0, existing: params(0), attempted: params(1))) {
            try registry.enqueueTrial(sweep: sweep, number: 0, params: params(1))
        }
        #expect(throws: TrackingError.invalidTrialNumber(sweep: sweep.rawValue, number: -1)) {
            try registry.enqueueTrial(sweep: sweep, number: -1, params: params(0))
        }
        #expect(throws: TrackingError.invalidTrialParams(sweep: sweep.rawValue, number: 1, params: "{lr", reason: "it is not valid JSON")) {
            try registry.enqueueTrial(sweep: sweep, number: 1, params: "{lr")
        }
        #expect(throws: TrackingError.invalidTrialParams(sweep: sweep.rawValue, number: 1, params: "[1]", reason: "it is not an object")) {
            try registry.enqueueTrial(sweep: sweep, number: 1, params: "[1]")
        }
        let missing = RunID(trusted: String(repeating: "0", count: 32))
        #expect(throws: TrackingError.runNotFound(prefix: missing.rawValue)) {
            try registry.enqueueTrial(sweep: missing, number: 0, params: params(0))
        }
        let stored = try registry.trials(sweep: sweep)
        #expect(stored.map(\.number) == [0] && stored.map(\.state) == [.queued] && stored.map(\.attempts) == [0])
    }

    @Test func claimsTakeTheLowestQueuedNumberOnceEach() throws {
        for number in [2, 0, 1] { _ = try registry.enqueueTrial(sweep: sweep, number: number, params: params(number)) }
        let claims = try (0..<4).map { _ in try registry.claimTrial(sweep: sweep, worker: "w", staleAfter: 120) }
        #expect(claims.map { $0?.number } == [0, 1, 2, nil])
        #expect(claims.compactMap { $0?.attempt } == [1, 1, 1])
        #expect(claims.first??.params == params(0))
        #expect(try registry.trials(sweep: sweep).allSatisfy { $0.state == .running && $0.worker == "w" })
    }

    @Test func staleTrialIsRequeuedItsRunKilledAndTheOldClaimFenced() throws {
        _ = try registry.enqueueTrial(sweep: sweep, number: 0, params: params(0))
        let first = try #require(try registry.claimTrial(sweep: sweep, worker: "a", staleAfter: 60))
        let run = try registry.createRun(RunSpec(experiment: "sweep", name: "trial-0", parent: sweep))
        try registry.attachRun(run, to: first)
        // Within the window a fresh run heartbeat keeps the trial, even when the trial's own heartbeat is old.
        clock.advance(by: 50)
        try registry.heartbeat(run: run)
        clock.advance(by: 50)
        #expect(try registry.claimTrial(sweep: sweep, worker: "b", staleAfter: 60) == nil)
        // Past the window for both heartbeats: requeued, claimed again (attempt 2), the old run KILLED.
        clock.advance(by: 61)
        let second = try #require(try registry.claimTrial(sweep: sweep, worker: "b", staleAfter: 60))
        #expect(second.number == 0 && second.attempt == 2 && second.requeued == [0] && second.worker == "b")
        let stored = try registry.read { db in try String.fetchOne(db, sql: "SELECT status FROM runs WHERE id = ?", arguments: [run.rawValue]) }
        #expect(stored == "KILLED")
        #expect(try registry.runDetails(run).endTime != nil)
        // The first worker comes back: every write of its claim is refused, naming what happened.
        let lost = TrackingError.trialClaimLost(sweep: sweep.rawValue, number: 0, attempt: 1, state: "running", currentAttempt: 2)
        #expect(throws: lost) { try registry.heartbeatTrial(first) }
        #expect(throws: lost) { try registry.finishTrial(first, state: .complete, objective: 1) }
        try registry.finishTrial(second, state: .complete, objective: 0.5)
        #expect(throws: TrackingError.trialClaimLost(sweep: sweep.rawValue, number: 0, attempt: 2, state: "complete", currentAttempt: 2)) {
            try registry.finishTrial(second, state: .failed, objective: nil)
        }
        // A complete trial is never claimed again, however stale.
        clock.advance(by: 10_000)
        #expect(try registry.claimTrial(sweep: sweep, worker: "c", staleAfter: 60) == nil)
        let trial = try #require(try registry.trials(sweep: sweep).first)
        #expect(trial.state == .complete && trial.attempts == 2 && trial.objective == 0.5 && trial.worker == "b" && trial.run == nil)
    }

    @Test func finishEndsTheRunAndRefusesBadOutcomes() throws {
        for number in 0..<3 { _ = try registry.enqueueTrial(sweep: sweep, number: number, params: params(number)) }
        var runs: [RunID] = []
        for (state, objective) in [(TrialState.complete, 0.2 as Double?), (.pruned, 0.9), (.failed, nil)] {
            let claim = try #require(try registry.claimTrial(sweep: sweep, worker: "w", staleAfter: 120))
            let run = try registry.createRun(RunSpec(experiment: "sweep", parent: sweep))
            try registry.attachRun(run, to: claim)
            if state == .complete {
                #expect(throws: TrackingError.invalidTrialOutcome(sweep: sweep.rawValue, number: 0, state: "running", objective: nil,
                                                                  reason: "a trial finishes as complete, pruned or failed")) {
                    try registry.finishTrial(claim, state: .running, objective: nil)
                }
                #expect(throws: TrackingError.invalidTrialOutcome(sweep: sweep.rawValue, number: 0, state: "complete", objective: "nan",
                                                                  reason: "an objective cannot be NaN; finish the trial as failed instead")) {
                    try registry.finishTrial(claim, state: .complete, objective: .nan)
                }
                #expect(throws: TrackingError.invalidTrialOutcome(sweep: sweep.rawValue, number: 0, state: "failed", objective: "1.0",
                                                                  reason: "a failed trial has no objective")) {
                    try registry.finishTrial(claim, state: .failed, objective: 1)
                }
            }
            try registry.finishTrial(claim, state: state, objective: objective)
            runs.append(run)
        }
        #expect(try runs.map { try registry.runDetails($0).header.status } == [.finished, .finished, .failed])
        let trials = try registry.trials(sweep: sweep)
        #expect(trials.map(\.state) == [.complete, .pruned, .failed])
        #expect(trials.map(\.objective) == [0.2, 0.9, nil])
        #expect(trials.map(\.run) == runs)
        #expect(trials.allSatisfy { $0.finishedAt != nil })
    }

    @Test func attachRefusesRunsOutsideTheSweep() throws {
        _ = try registry.enqueueTrial(sweep: sweep, number: 0, params: params(0))
        let claim = try #require(try registry.claimTrial(sweep: sweep, worker: "w", staleAfter: 120))
        let stranger = try registry.createRun(RunSpec(experiment: "sweep", name: "not-a-trial"))
        #expect(throws: TrackingError.runNotInSweep(run: stranger.rawValue, sweep: sweep.rawValue, parent: nil)) {
            try registry.attachRun(stranger, to: claim)
        }
        let child = try registry.createRun(RunSpec(experiment: "sweep", parent: sweep))
        let other = try registry.createRun(RunSpec(experiment: "sweep", parent: sweep))
        try registry.attachRun(child, to: claim)
        try registry.attachRun(child, to: claim)
        #expect(throws: TrackingError.trialHasRun(sweep: sweep.rawValue, number: 0, run: child.rawValue, attempted: other.rawValue)) {
            try registry.attachRun(other, to: claim)
        }
        #expect(throws: TrackingError.trialNotFound(sweep: sweep.rawValue, number: 7)) {
            try registry.heartbeatTrial(sweep: sweep, number: 7, attempt: 1)
        }
        #expect(throws: TrackingError.invalidStaleAfter("-1.0")) {
            try registry.claimTrial(sweep: sweep, worker: "w", staleAfter: -1)
        }
    }

    @Test func tableConstraintsHoldInSQL() throws {
        _ = try registry.enqueueTrial(sweep: sweep, number: 0, params: params(0))
        let bad: [String] = [
            // An unknown state.
            "INSERT INTO sweep_trials(sweep, number, params, state, attempts) VALUES ('\(sweep)', 1, '{}', 'done', 0)",
            // A negative number.
            "INSERT INTO sweep_trials(sweep, number, params, state, attempts) VALUES ('\(sweep)', -1, '{}', 'queued', 0)",
            // A second row for the same number.
            "INSERT INTO sweep_trials(sweep, number, params, state, attempts) VALUES ('\(sweep)', 0, '{}', 'queued', 0)",
            // Running without a worker.
            "UPDATE sweep_trials SET state = 'running', attempts = 1",
            // Queued with a worker.
            "UPDATE sweep_trials SET worker = 'w'",
            // An objective on a queued trial.
            "UPDATE sweep_trials SET objective = 1",
            // A sweep that is not a run.
            "INSERT INTO sweep_trials(sweep, number, params, state, attempts) VALUES ('\(String(repeating: "0", count: 32))', 0, '{}', 'queued', 0)",
        ]
        for sql in bad {
            #expect(throws: DatabaseError.self, "\(sql)") { try registry.write { db in try db.execute(sql: sql) } }
        }
        #expect(try registry.trials(sweep: sweep).map(\.state) == [.queued])
    }
}
