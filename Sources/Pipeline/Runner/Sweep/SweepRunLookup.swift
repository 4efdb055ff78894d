import Forecasting
import Tracking

/// The sweep's run for a stage: found again, or created. A sweep run carries the tag
/// `sweep_key` = the sweep's identity (`identityKey`: the stage's cache key without the
/// budget; it covers the rest of the sweep spec, the model, the config file's content and
/// the input data), so a sweep that was killed, run again with the same inputs, finds its
/// run — and with it the trial queue, whose finished trials are never run again — instead of
/// starting anew; and a finished sweep given a larger budget continues: its trials are
/// reused and only the extra ones run. `--force` on the stage starts a new sweep run.
enum SweepRunLookup {
    static func findOrCreate(stage: TrainStage, sweep: SweepSpec, input: StageInput) throws -> RunID {
        let t = input.tracking
        let tracker = t.tracker
        let key = try identityKey(stage: stage, sweep: sweep, input: input)
        if !input.forced {
            if let latest = try existing(key: key, experiment: t.experiment, tracker: tracker) {
                try tracker.setStatus(run: latest.id, .running)
                try tracker.logBatch(run: latest.id, params: [:], metrics: [],
                                     tags: ["resumed_by": t.parent.rawValue].merging(OwnerProcess.current().tags) { a, _ in a })
                return latest.id
            }
        }
        let run = try tracker.createRun(RunSpec(
            experiment: t.experiment, name: "sweep \(input.stage.id)", parent: t.parent,
            tags: ["pipeline": t.pipeline, "stage": input.stage.id, "sweep": input.stage.id, "sweep_key": key,
                   "model": stage.model.name].merging(OwnerProcess.current().tags) { a, _ in a }))
        try tracker.logBatch(run: run, params: params(sweep), metrics: [], tags: [:])
        return run
    }

    /// sha256 of the stage's fingerprint with the sweep's budget left out (`SweepFingerprint`
    /// without `budget`) and its inputs' cache keys: what decides which trials the sweep draws
    /// and how they are judged, so a larger budget draws the same first trials.
    static func identityKey(stage: TrainStage, sweep: SweepSpec, input: StageInput) throws -> String {
        var parameters = try StageFingerprint.parameters(input.stage.section)
        parameters["sweep"] = try StageFingerprint.json(SweepFingerprint(sweep, overrides: stage.overrides, includingBudget: false))
        return try StageFingerprint(kind: input.stage.kind.rawValue, parameters: parameters, inputs: input.inputs.map(\.key),
                                    codeVersion: CodeVersion.current).key()
    }

    /// The latest run tagged `sweep_key` = `key` in the experiment, if any.
    static func existing(key: String, experiment: String, tracker: any Tracker) throws -> RunSummary? {
        let found: [RunSummary]
        do {
            found = try tracker.searchRuns(RunSearch(experiment: experiment, filter: "tags.sweep_key = '\(key)'")).runs
        } catch TrackingError.unknownKey(key: "tags.sweep_key", use: _, closest: _, existing: _) {
            return nil // No run of the registry has the tag yet: no sweep ran.
        } catch TrackingError.experimentNotFound {
            return nil
        }
        return found.max { $0.startTime < $1.startTime }
    }

    /// The sweep's settings as params: `sweep.method`, `sweep.seed`, `sweep.trials`,
    /// `sweep.time_budget_seconds`, `sweep.objective`, `sweep.pruning`, and
    /// `sweep.space.<key>` = each parameter's values.
    static func params(_ sweep: SweepSpec) -> [String: String] {
        var params = [
            "sweep.method": sweep.method.rawValue,
            "sweep.seed": String(sweep.seed),
            "sweep.objective": sweep.objective.description,
        ]
        if let trials = sweep.budget.trials { params["sweep.trials"] = String(trials) }
        if let seconds = sweep.budget.seconds { params["sweep.time_budget_seconds"] = "\(seconds)" }
        if let p = sweep.pruning {
            params["sweep.pruning"] = "asha min_epochs=\(p.minResource) reduction_factor=\(p.reductionFactor) min_early_stopping_rate=\(p.minEarlyStoppingRate)"
        }
        for parameter in sweep.space.parameters {
            params["sweep.space.\(parameter.name)"] = parameter.domain.description + (parameter.gridPoints.map { " grid \($0)" } ?? "")
        }
        return params
    }
}

/// The part of a sweep stage's cache key that the sweep adds: everything that decides which
/// trials run and how they are judged (not `--workers`, the stale window or `max_attempts`).
/// Without the budget (`includingBudget: false`) it is the sweep's identity
/// (`SweepRunLookup.identityKey`).
struct SweepFingerprint: Encodable {
    var method: String
    var seed: UInt64
    var space: SearchSpace
    var budget: SweepBudget?
    var objective: String
    var pruning: SuccessiveHalvingPruner?
    var epochs: Int?
    var modelSeed: UInt64?

    init(_ sweep: SweepSpec, overrides: ModelOverrides, includingBudget: Bool = true) {
        method = sweep.method.rawValue
        seed = sweep.seed
        space = sweep.space
        budget = includingBudget ? sweep.budget : nil
        objective = sweep.objective.description
        pruning = sweep.pruning
        epochs = overrides.epochs
        modelSeed = overrides.seed
    }
}
