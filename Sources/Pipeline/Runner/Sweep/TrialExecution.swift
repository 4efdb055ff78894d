import Forecasting
import Foundation
import Series
import Tracking

/// One claimed trial, start to finish: a child run of the sweep's run (attached to the claim),
/// the trial's model (`TrialModel`) fitted by the protocol on the split, scored on the
/// validation part (the objective, always a `val_` metric) and on the test part (logged,
/// never optimised on), recorded as `TrainExecution` records a model: resolved params plus
/// `trial.<key>` for each sampled value, per-epoch metrics, `model.json` (and
/// `validation_model.json` for families refitted on train), the loss curves. Then the trial is
/// finished in the queue: `complete` with the objective, `pruned` (tags `pruned_at_epoch`,
/// `prune_reason`) or `failed` (tag `error`). A failed trial does not stop the sweep; losing
/// the claim (`TrackingError.trialClaimLost`) is rethrown, the trial now belongs to another worker.
enum TrialExecution {
    static func run(_ claim: ClaimedTrial, _ c: SweepWorkerContext) throws {
        let clock = ContinuousClock()
        let start = clock.now
        let t = c.tracker
        let run = try t.createRun(runSpec(claim, c))
        try t.attachRun(run, to: claim)
        let pump = HeartbeatPump(tracker: t, run: run, interval: c.settings.heartbeatSeconds)
        defer { pump.stop() }
        if c.settings.holdTrial == claim.number, claim.attempt == 1 { hold(claim, run: run, c) }
        do {
            let result = try fitAndLog(claim, run: run, c)
            try t.logMetrics(run: run, [
                MetricPoint(key: "trial_seconds", value: (clock.now - start).seconds),
                MetricPoint(key: "objective", value: result.objective),
            ])
            if let pruned = result.pruned {
                try t.logBatch(run: run, params: [:], metrics: [],
                               tags: ["pruned_at_epoch": String(pruned.epoch), "prune_reason": pruned.decision.reason])
                try t.finishTrial(claim, state: .pruned, objective: result.objective)
            } else {
                try t.finishTrial(claim, state: .complete, objective: result.objective)
            }
        } catch let error as TrackingError {
            if case .trialClaimLost = error { throw error }
            try fail(claim, run: run, error, c)
        } catch {
            try fail(claim, run: run, error, c)
        }
    }

    /// The trial's child run of the sweep's run, tagged with the trial, the attempt and the worker.
    static func runSpec(_ claim: ClaimedTrial, _ c: SweepWorkerContext) -> RunSpec {
        let series = c.split.series
        return RunSpec(
            experiment: c.experiment, name: "\(series.name)/\(c.stage.model.name) trial \(claim.number)",
            seed: RunTracking.seed(c.stage.model), parent: c.sweepRun,
            tags: ["pipeline": c.pipeline, "stage": c.stageID, "sweep": c.stageID, "trial": String(claim.number),
                   "attempt": String(claim.attempt), "worker": c.worker, "model": c.stage.model.name,
                   "series": series.name, "metric": series.metric ?? ""].merging(OwnerProcess.current().tags) { a, _ in a })
    }

    /// What a trial that ran reports: its objective (the metric's own value, not negated)
    /// and, when pruned, where and why.
    struct Result {
        var objective: Double
        var pruned: (epoch: Int, decision: PruneDecision)?
    }

    static func fitAndLog(_ claim: ClaimedTrial, run: RunID, _ c: SweepWorkerContext) throws -> Result {
        let t = c.tracker
        let parameters = try TrialParameters(canonicalJSON: claim.params)
        let spec = try TrialModel.spec(stage: c.stage, parameters: parameters)
        let series = c.split.series
        let plan = try EvaluationPlan(series: series.timeSeries, horizonMinutes: c.horizons)

        var params = try RunTracking.modelParams(spec)
        for entry in parameters.entries { params["trial.\(entry.name)"] = "\(entry.value)" }
        params["trial_number"] = String(claim.number)
        params["series"] = series.name
        params["horizons_minutes"] = c.horizons.map(String.init).joined(separator: ",")
        params["interval_seconds"] = String(plan.grid.series.interval)
        params["n"] = String(plan.split.count)
        params["n_train"] = String(plan.split.trainCount)
        params["n_val"] = String(plan.split.validationCount)
        params["n_test"] = String(plan.split.testCount)
        params["protocol"] = "EVALUATION.md v1"
        try t.logBatch(run: run, params: params, metrics: [], tags: [:])

        let logger = TrainingMetricsLogger(tracker: t, run: run)
        let pruning = c.sweep.pruning.map { TrialPruning(pruner: $0, tracker: t, sweep: c.sweepRun, trial: claim.number) }
        let events = c.events
        let id = c.stageID
        var base = TrainingHooks(events: { events.training(id, $0) }, now: TrainingHooks.monotonicSeconds)
        if let pruning { base.shouldStop = { pruning.shouldStop($0) } }
        let fit = try spec.fitForProtocol(on: plan, clock: ContinuousClock(), hooks: logger.hooks(wrapping: base))
        try logger.check()
        try pruning?.check()

        let validation = try fit.validationScorer.score(on: plan, part: .validation)
        let test = try fit.model.score(on: plan, part: .test)
        var points = [MetricPoint(key: "fit_seconds", value: fit.fitSeconds)]
        if !logger.epochs.isEmpty { points.append(MetricPoint(key: "epochs_run", value: Double(logger.epochs.count))) }
        points += EvaluateExecution.scoreMetrics(test: test, validation: validation, plan: plan)
        try t.logMetrics(run: run, points)
        let metrics = Dictionary(points.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })

        let model = try TrainExecution.withPreprocessing(fit.model, series: series, plan: plan)
        _ = try t.logArtifact(run: run, name: "model.json", kind: "model", data: try model.encoded())
        if let validationModel = fit.validationModel {
            let encoded = try TrainExecution.withPreprocessing(validationModel, series: series, plan: plan).encoded()
            _ = try t.logArtifact(run: run, name: "validation_model.json", kind: "model", data: encoded)
        }
        if let losses = EvaluationPlots.losses(logger.epochs, model: spec.name) {
            _ = try t.logArtifact(run: run, name: "loss.svg", kind: "plot", data: Data(losses.utf8))
        }
        guard let objective = metrics[c.sweep.objective.metric], objective.isFinite else {
            throw SweepRunError.objectiveMissing(trial: claim.number, metric: c.sweep.objective.metric,
                                                 known: metrics.keys.filter { $0.hasPrefix("val_") }.sorted())
        }
        return Result(objective: objective, pruned: pruning?.decision)
    }

    /// Records the failure on the run and ends the trial `failed`.
    static func fail(_ claim: ClaimedTrial, run: RunID, _ error: any Error, _ c: SweepWorkerContext) throws {
        try c.tracker.setTag(run: run, key: "error", value: "\(error)")
        try c.tracker.finishTrial(claim, state: .failed, objective: nil)
    }

    /// The `holdTrial` test knob (first attempt only, so the trial can be run again once its
    /// worker is gone): announce, then wait (heartbeating) until the process is killed.
    static func hold(_ claim: ClaimedTrial, run: RunID, _ c: SweepWorkerContext) -> Never {
        c.settings.onHold(claim.number, run)
        while true { Thread.sleep(forTimeInterval: 3600) }
    }
}
