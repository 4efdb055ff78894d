import Forecasting
import Foundation
import Tracking

/// `forecastSeries` recorded as a run of `tracking.experiment`: params (model, resolved
/// settings, code version, series, minutes, levels), the LSTM's per-epoch losses as they
/// happen, `fit_seconds`, the fitted model as artifact `model.json` of kind `model` (a
/// `FittedModelArtifact` that forecasts from raw values), the report as `forecast.json`,
/// and SVG plots of kind `plot`: the forecast after the history (`forecast.svg`) and, for
/// the LSTM, the loss curves (`loss.svg`).
public func forecastSeriesTracked(
    _ request: SeriesForecastRequest, now: () -> Double, tracking: RunTracking
) throws -> Tracked<SeriesForecastReport> {
    let tracker = tracking.tracker
    let spec = RunSpec(
        experiment: tracking.experiment, name: "\((request.dataPath as NSString).lastPathComponent)/\(request.model.name)",
        seed: RunTracking.seed(request.model), tags: ["command": "forecast", "model": request.model.name])
    return try tracking.record(spec) { run in
        let epochs = TrainingMetricsLogger(tracker: tracker, run: run)
        try tracker.logBatch(run: run, params: try RunTracking.modelParams(request.model), metrics: [], tags: [:])
        var hooked = request
        hooked.hooks = epochs.hooks(wrapping: request.hooks)
        let fitted = try fitAndForecastSeries(hooked, now: now)
        let report = fitted.report
        try epochs.check()
        try tracker.logBatch(
            run: run,
            params: [
                "series": report.series, "interval_seconds": String(report.intervalSeconds), "n": String(report.n),
                "minutes": String(request.minutes), "levels": request.levels.map { String($0) }.joined(separator: ","),
            ],
            metrics: [MetricPoint(key: "fit_seconds", value: report.fitSeconds)], tags: ["series": report.series])
        _ = try tracker.logArtifact(run: run, name: "model.json", kind: "model", data: try fitted.artifact.encoded())
        let plot = ForecastPlot.svg(series: fitted.series, report: report)
        _ = try tracker.logArtifact(run: run, name: "forecast.svg", kind: "plot", data: Data(plot.utf8))
        if let losses = EvaluationPlots.losses(epochs.epochs, model: request.model.name) {
            _ = try tracker.logArtifact(run: run, name: "loss.svg", kind: "plot", data: Data(losses.utf8))
        }
        _ = try tracker.logArtifact(run: run, name: "forecast.json", kind: "forecast", data: try RunTracking.json(report))
        return report
    }
}
