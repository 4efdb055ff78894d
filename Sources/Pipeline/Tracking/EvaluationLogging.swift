import Forecasting
import Series
import Tracking

/// Records one protocol evaluation as a finished run: the model, series and protocol
/// settings as params, every horizon's metrics as `<metric>_<minutes>m` (and, when the
/// report has validation scores, `val_<metric>_<minutes>m`), interval coverage as
/// `coverage_<percent>_<minutes>m` (e.g. `coverage_80_15m`), the fit and
/// forecast seconds, and (when given) the fitted model as artifact `model.json` of kind
/// `model`, so the run can be promoted. A failure while logging marks the run FAILED
/// before rethrowing.
public struct EvaluationLogger: Sendable {
    public let tracker: any Tracker
    public let experiment: String

    public init(tracker: any Tracker, experiment: String) {
        self.tracker = tracker
        self.experiment = experiment
    }

    @discardableResult
    public func log(_ report: EvaluationReport, artifact: FittedModelArtifact? = nil, seed: UInt64?, tags: [String: String]) throws -> RunID {
        let run = try tracker.createRun(RunSpec(
            experiment: experiment, name: "\(report.series)/\(report.model)", seed: seed, tags: tags))
        do {
            try tracker.logBatch(run: run, params: Self.params(report), metrics: Self.metrics(report), tags: [:])
            if let artifact { _ = try tracker.logArtifact(run: run, name: "model.json", kind: "model", data: try artifact.encoded()) }
            try tracker.setStatus(run: run, .finished)
        } catch {
            try tracker.setStatus(run: run, .failed)
            throw error
        }
        return run
    }

    /// The report's model, series and protocol settings; for an ensemble also its members
    /// and weights (`EnsembleState.trackingParams(from:)`).
    static func params(_ r: EvaluationReport) -> [String: String] {
        EnsembleState.trackingParams(from: r.parameters).merging([
            "model": r.model,
            "series": r.series,
            "interval_seconds": String(r.intervalSeconds),
            "n": String(r.n),
            "n_train": String(r.nTrain),
            "n_val": String(r.nVal),
            "n_test": String(r.nTest),
            "horizons_minutes": r.orderedHorizons.map { String($0.minutes) }.joined(separator: ","),
            "protocol": "EVALUATION.md v1",
        ]) { _, own in own }
    }

    static func metrics(_ r: EvaluationReport) -> [MetricPoint] {
        var points = [
            MetricPoint(key: "fit_seconds", value: r.fitSeconds),
            MetricPoint(key: "forecast_seconds", value: r.forecastSeconds),
        ]
        points += horizonMetrics(r.orderedHorizons, prefix: "")
        points += horizonMetrics(r.orderedValidation, prefix: "val_")
        points += coverageMetrics(r.coverage, prefix: "")
        return points
    }

    /// `<prefix>coverage_<percent>_<minutes>m` for every horizon and level of `coverage`
    /// (minutes → level → share; level 0.8 is percent 80, 0.975 is 97.5).
    static func coverageMetrics(_ coverage: [String: [String: Double]]?, prefix: String) -> [MetricPoint] {
        (coverage ?? [:]).sorted { (Int($0.key) ?? 0) < (Int($1.key) ?? 0) }.flatMap { minutes, byLevel in
            byLevel.compactMap { level, share in
                Double(level).map { MetricPoint(key: "\(prefix)coverage_\(percentKey($0))_\(minutes)m", value: share) }
            }.sorted { $0.key < $1.key }
        }
    }

    /// `<prefix><metric>_<minutes>m` for MAE, RMSE, SMAPE, MASE and R² of every horizon.
    static func horizonMetrics(_ scores: [(minutes: Int, score: HorizonScore)], prefix: String) -> [MetricPoint] {
        scores.flatMap { minutes, s in
            [("mae", s.mae), ("rmse", s.rmse), ("smape", s.smape), ("mase", s.mase), ("r2", s.r2)].map { name, value in
                MetricPoint(key: "\(prefix)\(name)_\(minutes)m", value: value)
            }
        }
    }
}
