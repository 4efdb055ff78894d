import Tracking

/// A trial whose worker died in each of its claims (killed, out of memory, a crash in native
/// code) is requeued each time its heartbeat goes stale, so without a limit a trial that kills
/// its worker would be run forever. The claim after `max_attempts` (the sweep's
/// `maxAttempts`, default 3) does not run it again: it ends the trial `failed`, with a run
/// that says why, and the sweep goes on with its other trials.
enum TrialAttemptLimit {
    /// True when `claim` is past the limit: attempts 1 … `maxAttempts` run the trial.
    static func exceeded(_ claim: ClaimedTrial, maxAttempts: Int) -> Bool {
        claim.attempt > maxAttempts
    }

    /// Ends the claimed trial `failed`: a trial's child run (`TrialExecution.runSpec`) with tag
    /// `error` = `SweepRunError.attemptsExhausted`, attached to the claim and ended FAILED with it.
    static func giveUp(_ claim: ClaimedTrial, _ c: SweepWorkerContext) throws {
        let run = try c.tracker.createRun(TrialExecution.runSpec(claim, c))
        try c.tracker.attachRun(run, to: claim)
        let error = SweepRunError.attemptsExhausted(trial: claim.number, attempts: claim.attempt - 1, maxAttempts: c.sweep.maxAttempts)
        try TrialExecution.fail(claim, run: run, error, c)
    }
}
