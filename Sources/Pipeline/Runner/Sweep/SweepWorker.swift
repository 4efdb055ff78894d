import Foundation
import Tracking

/// The loop every worker of a sweep runs, in the pipeline's process and in each extra
/// `pipeline worker` process alike; the registry's trial queue is the only thing they share.
///
/// 1. Claim the lowest queued trial (`claimTrial`; the claim first puts trials whose worker
///    went quiet for `staleAfter` back in the queue) and run it (`TrialExecution`); a claim
///    past the sweep's `max_attempts` ends the trial `failed` instead (`TrialAttemptLimit`).
/// 2. Nothing queued: if the budget allows trial n (n = the highest number so far + 1), ask
///    the sampler for trial n's parameters given the finished trials read from the registry
///    (`trials(sweep:)`) and enqueue them (`enqueueTrial`, idempotent; when another worker
///    enqueued n with other parameters, the conflict is dropped and the loop goes on, so this
///    worker claims that trial or proposes n + 1), then go back to 1.
/// 3. Budget spent: wait while trials are still running elsewhere (one may be abandoned and
///    come back to the queue), and stop when none is queued or running.
enum SweepWorker {
    static func work(_ c: SweepWorkerContext) throws {
        let clock = ContinuousClock()
        let start = clock.now
        let sampler = c.sweep.sampler()
        let gridTotal = c.sweep.method == .grid ? try GridSampler.total(of: c.sweep.space) : nil
        while true {
            if let claim = try c.tracker.claimTrial(sweep: c.sweepRun, worker: c.worker, staleAfter: c.settings.staleAfter) {
                do {
                    if TrialAttemptLimit.exceeded(claim, maxAttempts: c.sweep.maxAttempts) {
                        try TrialAttemptLimit.giveUp(claim, c)
                    } else {
                        try TrialExecution.run(claim, c)
                    }
                } catch TrackingError.trialClaimLost {
                    // Presumed dead and requeued meanwhile: the trial is another worker's now.
                }
                continue
            }
            let trials = try c.tracker.trials(sweep: c.sweepRun)
            let next = (trials.map(\.number).max() ?? -1) + 1
            if c.sweep.budget.allowsTrial(started: next, elapsedSeconds: (clock.now - start).seconds, gridTotal: gridTotal) {
                let pruned = trials.filter { $0.state == .pruned }.compactMap(\.run)
                let epochs = try c.tracker.metricHistories(runs: pruned, key: "epochs_run").compactMapValues { $0.last.map { Int($0.value) } }
                let parameters = try sampler.suggest(space: c.sweep.space, history: history(trials, c.sweep, epochs: epochs), trialNumber: next)
                do {
                    _ = try c.tracker.enqueueTrial(sweep: c.sweepRun, number: next, params: parameters.canonicalJSON)
                } catch TrackingError.trialConflict {
                    // Another worker enqueued `next` first, from a history that differed; go on from there.
                }
                continue
            }
            guard trials.contains(where: { $0.state == .running || $0.state == .queued }) else { return }
            Thread.sleep(forTimeInterval: c.settings.pollSeconds)
        }
    }

    /// The finished trials as the sampler reads them: the objective minimised (negated for
    /// `max`); a pruned trial ranked by how far it got (`lastStep`: its run's `epochs_run`).
    static func history(_ trials: [SweepTrial], _ sweep: SweepSpec, epochs: [RunID: Int]) throws -> [CompletedTrial] {
        var result: [CompletedTrial] = []
        for trial in trials {
            let state: CompletedTrial.State
            switch trial.state {
            case .complete: state = .complete
            case .pruned: state = .pruned
            case .failed: state = .failed
            case .queued, .running: continue
            }
            result.append(CompletedTrial(
                number: trial.number, parameters: try TrialParameters(canonicalJSON: trial.params),
                value: trial.objective.map(sweep.objective.minimised), state: state,
                lastStep: state == .pruned ? trial.run.flatMap { epochs[$0] } : nil))
        }
        return result
    }
}
