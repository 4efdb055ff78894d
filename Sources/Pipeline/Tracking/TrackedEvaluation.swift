import Forecasting
import Foundation
import Ingest
import Series
import Tracking

/// `evaluateSeries` recorded as a run of `tracking.experiment`: params (model, resolved
/// settings, code version, series and protocol settings), the LSTM's per-epoch losses as
/// they happen, every horizon's MAE, RMSE, SMAPE, MASE, R² and relMAE (MAE over the naive
/// forecast's on the same plan) as `<metric>_<minutes>m`, the same five metrics on the
/// validation part as `val_<metric>_<minutes>m` (EVALUATION.md, "Validation scores (for
/// selection)"), the fitted model as artifact
/// `model.json` of kind `model` (a `FittedModelArtifact`, promotable with `runs promote`),
/// the report as `evaluation.json`, and SVG plots of kind `plot`: forecast against actual
/// on the test part per horizon (`forecast_<minutes>m.svg`) and, for the LSTM, the loss
/// curves (`loss.svg`).
public func evaluateSeriesTracked<C: Clock>(
    _ request: SeriesEvaluationRequest, evaluator: Evaluator<C>, tracking: RunTracking
) throws -> Tracked<EvaluationReport> {
    let read = try request.readSeries()
    let plan = try EvaluationPlan(series: read.series, horizonMinutes: request.horizonMinutes)
    let spec = RunSpec(
        experiment: tracking.experiment, name: "\(read.series.name)/\(request.model.name)", seed: RunTracking.seed(request.model),
        tags: ["command": "evaluate", "model": request.model.name, "series": read.series.name])
    let tracker = tracking.tracker
    return try tracking.record(spec) { run in
        let epochs = TrainingMetricsLogger(tracker: tracker, run: run)
        try tracker.logBatch(run: run, params: try RunTracking.modelParams(request.model), metrics: [], tags: [:])
        let outcome = try request.model.evaluateDetailed(
            on: plan, with: evaluator, hooks: epochs.hooks(wrapping: request.hooks), validation: true)
        try epochs.check()
        let naive = try ModelSpec.naive.evaluate(on: plan, with: evaluator)
        try logScoredSeries(outcome, naive: naive, plan: plan, model: request.model.name, tracker: tracker, run: run)
        try logLossCurves(epochs, model: request.model.name, tracker: tracker, run: run)
        return outcome.report
    }
}

/// Logs one series' protocol outcome into `run`: the report's params, its test and
/// validation metrics with relMAE against `naive`, the fitted model as `model.json` (kind
/// `model`), the forecast-against-actual plots and the report as `evaluation.json`.
func logScoredSeries(
    _ outcome: ModelEvaluation, naive: EvaluationReport, plan: EvaluationPlan, model: String, tracker: any Tracker, run: RunID
) throws {
    let report = outcome.report
    try tracker.logBatch(
        run: run, params: EvaluationLogger.params(report),
        metrics: EvaluationLogger.metrics(report) + relativeMAE(report, naive: naive), tags: [:])
    _ = try tracker.logArtifact(run: run, name: "model.json", kind: "model", data: try outcome.artifact.encoded())
    for plot in EvaluationPlots.forecasts(plan: plan, paths: outcome.paths, model: model) {
        _ = try tracker.logArtifact(run: run, name: plot.name, kind: "plot", data: Data(plot.svg.utf8))
    }
    _ = try tracker.logArtifact(run: run, name: "evaluation.json", kind: "evaluation", data: try RunTracking.json(report))
}

/// `loss.svg` (kind `plot`) when training reported epochs.
func logLossCurves(_ epochs: TrainingMetricsLogger, model: String, tracker: any Tracker, run: RunID) throws {
    if let losses = EvaluationPlots.losses(epochs.epochs, model: model) {
        _ = try tracker.logArtifact(run: run, name: "loss.svg", kind: "plot", data: Data(losses.utf8))
    }
}

/// relMAE per horizon: MAE(model) / MAE(naive), as `relmae_<minutes>m`.
func relativeMAE(_ report: EvaluationReport, naive: EvaluationReport) -> [MetricPoint] {
    report.orderedHorizons.compactMap { minutes, score in
        naive.horizons[String(minutes)].map { MetricPoint(key: "relmae_\(minutes)m", value: score.mae / $0.mae) }
    }
}
