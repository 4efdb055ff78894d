import Forecasting
import Foundation
import Series
import Tracking

/// `kind: train` with `sweep:`: a hyperparameter sweep instead of one fit.
///
/// The sweep is a child run of the pipeline's run (`SweepRunLookup`: found again by its
/// cache key after a kill), tagged `sweep=<stage id>`, with the sweep's settings as params.
/// This process and `workers − 1` extra `pipeline worker` processes (`SweepSettings.launch`)
/// run `SweepWorker.work` on the registry's trial queue until the budget is spent; each trial
/// is a child run of the sweep run (`TrialExecution`). Then the best complete trial by the
/// objective (ties: the lower number) becomes the stage's product: a `TrainProduct` pointing
/// at the best trial's run, with its `model.json` (and `validation_model.json`) copied into
/// the cache entry, so `evaluate`, `select` and `register` work as after a plain train stage.
enum SweepExecution {
    static func run(_ stage: TrainStage, _ sweep: SweepSpec, _ input: StageInput) throws -> StageResult {
        let (split, window) = try TrainExecution.splitInput(input)
        guard abs(split.train - 0.70) < 1e-12, abs(split.validation - 0.15) < 1e-12 else {
            throw PipelineRunError.nonProtocolSplit(stage: input.stage.id, train: split.train, validation: split.validation)
        }
        let horizons = try window?.horizons ?? TrainHorizons.configured(stage)
        let settings = input.sweep
        if settings.workers > 1, settings.launch == nil { throw SweepRunError.noWorkerLauncher(workers: settings.workers) }
        let t = input.tracking
        let sweepRun = try SweepRunLookup.findOrCreate(stage: stage, sweep: sweep, input: input)
        let pump = HeartbeatPump(tracker: t.tracker, run: sweepRun, interval: settings.heartbeatSeconds)
        defer { pump.stop() }
        do {
            try t.tracker.setTag(run: sweepRun, key: "workers", value: String(settings.workers))
            let inputKey = input.inputs.first { item in
                if case .split = item.product { return true }
                if case .windows = item.product { return true }
                return false
            }?.key ?? ""
            var processes: [(String, any SweepWorkerProcess)] = []
            if let launch = settings.launch {
                for index in 1..<max(settings.workers, 1) {
                    let worker = "\(sweepRun.short)-w\(index)"
                    processes.append((worker, try launch(SweepWorkerRequest(
                        sweep: sweepRun, stage: input.stage.id, inputKey: inputKey, worker: worker, experiment: t.experiment))))
                }
            }
            let context = SweepWorkerContext(
                tracker: t.tracker, sweepRun: sweepRun, stageID: input.stage.id, stage: stage, sweep: sweep, split: split,
                horizons: horizons, experiment: t.experiment, pipeline: t.pipeline, worker: "\(sweepRun.short)-w0",
                settings: settings, events: input.events)
            let result = Result { try SweepWorker.work(context) }
            // A worker that died leaves its trial to this process's loop (requeued after the
            // stale window); its exit status is recorded, not fatal.
            for (worker, process) in processes {
                let status = process.waitForExit()
                if status != 0 { try t.tracker.setTag(run: sweepRun, key: "worker_exit.\(worker)", value: String(status)) }
            }
            try result.get()
            let output = try product(stage, sweep, sweepRun: sweepRun, split: split, horizons: horizons, input: input)
            try t.tracker.setStatus(run: sweepRun, .finished)
            return output
        } catch {
            try t.tracker.setStatus(run: sweepRun, .failed)
            throw error
        }
    }

    /// The best complete trial as the stage's product, and the summary.
    static func product(_ stage: TrainStage, _ sweep: SweepSpec, sweepRun: RunID, split: SplitProduct, horizons: [Int],
                        input: StageInput) throws -> StageResult {
        let tracker = input.tracking.tracker
        let trials = try tracker.trials(sweep: sweepRun)
        let runs = trials.compactMap(\.run)
        let epochs = try tracker.metricHistories(runs: runs, key: "epochs_run").compactMapValues { $0.last.map { Int($0.value) } }
        let seconds = try tracker.metricHistories(runs: runs, key: "trial_seconds").compactMapValues { $0.last?.value }
        let fitSeconds = try tracker.metricHistories(runs: runs, key: "fit_seconds").compactMapValues { $0.last?.value }
        let better: (Double, Double) -> Bool = sweep.objective.direction == .min ? { $0 < $1 } : { $0 > $1 }
        var best: SweepTrial?
        for trial in trials where trial.state == .complete && trial.run != nil {
            guard let value = trial.objective, value.isFinite else { continue }
            if let current = best?.objective, !better(value, current) { continue }
            best = trial
        }
        guard let best, let bestRun = best.run else {
            let failures = trials.filter { $0.state == .failed }.map { "trial \($0.number) failed (run \($0.run?.short ?? "none"), see its tag error)" }
            throw SweepRunError.noCompleteTrial(stage: input.stage.id, trials: trials.count, failures: failures)
        }
        var files = ["model.json": try tracker.readArtifact(run: bestRun, name: "model.json")]
        if stage.model.validationFit == .refitOnTrain {
            files["validation_model.json"] = try tracker.readArtifact(run: bestRun, name: "validation_model.json")
        }
        try tracker.logBatch(run: sweepRun, params: [:],
                             metrics: [MetricPoint(key: "best_objective", value: best.objective ?? .nan),
                                       MetricPoint(key: "trials", value: Double(trials.count))],
                             tags: ["best_trial": String(best.number), "best_run": bestRun.rawValue])
        let summary = SweepSummary(
            stage: input.stage.id, sweep: sweepRun, objective: sweep.objective.description, method: sweep.method.rawValue,
            bestTrial: best.number, bestRun: bestRun,
            trials: try trials.map { trial in
                SweepSummary.Trial(
                    number: trial.number, params: try TrialParameters(canonicalJSON: trial.params).description,
                    objective: trial.objective, status: trial.state.rawValue, epochs: trial.run.flatMap { epochs[$0] },
                    seconds: trial.run.flatMap { seconds[$0] }, run: trial.run, attempts: trial.attempts)
            })
        let product = TrainProduct(
            run: bestRun, series: split.series, model: stage.model.name, horizons: horizons, artifactFile: "model.json",
            validationArtifactFile: files["validation_model.json"] == nil ? nil : "validation_model.json",
            fitSeconds: fitSeconds[bestRun] ?? 0, epochs: epochs[bestRun], sweep: summary)
        return StageResult(product: .model(product), files: files)
    }
}
