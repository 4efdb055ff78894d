import Forecasting
import Foundation
import Series
import Tracking

/// `evaluateGlobal` recorded in `tracking.experiment` as one parent run for the training and
/// one child run per series (docs/ARCHITECTURE.md, "Global training"):
///
/// - the parent, `global/<model>`, holds what the one training has: the model's params with
///   `data` and `series_count`, the per-epoch losses as they happen, `loss.svg`, relMAE per
///   horizon over all series (`relmae_<minutes>m`, the geometric mean over series of
///   MAE ÷ MAE_naive) and the whole result as `evaluation.json`;
/// - each child, `<series>/<model>` with the parent as its parent, holds what
///   `evaluate --track` records for one series: the report's params, test and validation
///   metrics, its relMAE, and its own `model.json` (kind `model`: the shared parameters
///   conditioned on that series, so `runs promote` and serving use it as any model).
///
/// Validation scores come with every child (`evaluateGlobal(validation: true)`), so a
/// selection can read `val_` metrics as it does for per-series runs. Every run is marked
/// FINISHED, or FAILED when anything throws.
public func evaluateGlobalTracked<C: Clock>(
    _ request: SeriesEvaluationRequest, evaluator: Evaluator<C>, tracking: RunTracking
) throws -> Tracked<GlobalEvaluationResult> {
    let plans = try request.globalPlans()
    let model = request.model.name
    let tags = ["command": "evaluate", "model": model, "global": "true"]
    let parent = RunSpec(
        experiment: tracking.experiment, name: "global/\(model)", seed: RunTracking.seed(request.model),
        tags: tags.merging(["series_count": String(plans.count)]) { _, new in new })
    let tracker = tracking.tracker
    return try tracking.record(parent) { parentRun in
        let epochs = TrainingMetricsLogger(tracker: tracker, run: parentRun)
        let params = try RunTracking.modelParams(request.model)
        try tracker.logBatch(
            run: parentRun,
            params: params.merging(["data": request.dataPath, "series_count": String(plans.count)]) { _, new in new },
            metrics: [], tags: [:])
        let outcomes = try request.model.evaluateGlobal(
            on: plans, with: evaluator, hooks: epochs.hooks(wrapping: request.hooks), validation: true)
        try epochs.check()
        let naive = try plans.map { try ModelSpec.naive.evaluate(on: $0, with: evaluator) }
        for (i, plan) in plans.enumerated() {
            let series = outcomes[i].report.series
            let child = RunSpec(
                experiment: tracking.experiment, name: "\(series)/\(model)", seed: parent.seed, parent: parentRun,
                tags: tags.merging(["series": series]) { _, new in new })
            _ = try tracking.record(child) { run in
                try tracker.logBatch(run: run, params: params, metrics: [], tags: [:])
                try logScoredSeries(outcomes[i], naive: naive[i], plan: plan, model: model, tracker: tracker, run: run)
            }
        }
        let result = GlobalEvaluationResult(outcomes: outcomes, naive: naive, model: model)
        let relative = result.relativeMAE.sorted { $0.key < $1.key }.map { MetricPoint(key: "relmae_\($0.key)m", value: $0.value) }
        try tracker.logBatch(run: parentRun, params: [:], metrics: relative, tags: [:])
        try logLossCurves(epochs, model: model, tracker: tracker, run: parentRun)
        _ = try tracker.logArtifact(run: parentRun, name: "evaluation.json", kind: "evaluation", data: try RunTracking.json(result))
        return result
    }
}
