import Forecasting
import Foundation
import Series
import Serving
import Tracking

/// `kind: backtest`: `Serving.Backtest` on a trained model's series, per part of the
/// protocol's split (docs/EVALUATION.md):
///
///     validation: trace y_0 … y_{n_train+n_val−1}, decisions from n_train on, the model that
///                 saw no validation targets (`validation_model.json`, else the protocol fit)
///     test:       trace y_0 … y_{n−1}, decisions from n_train+n_val on, the protocol fit
///
/// Both replays use one capacity per replica c = the train part's mean /
/// `replicas_at_mean_demand` (a policy file's own capacity is replaced, as in `autoscale
/// backtest`), so the two parts are priced alike. At each decision the model
/// is conditioned on the history up to it and never refitted (its parameters saw only the
/// train part, or train + validation for the test replay: no peeking at what it is scored on).
/// Logged into the train stage's run: `[val_]backtest_under_minutes`, `…_worst_shortfall`,
/// `…_slack_replica_hours`, `…_actions`, the same for reactive HPA as `[val_]hpa_…`, and
/// `backtest.svg` (the test replay).
enum BacktestExecution {
    static func run(_ stage: BacktestStage, _ input: StageInput) throws -> StageResult {
        let trains = input.products { product -> TrainProduct? in
            if case .model(let train) = product { return train }
            return nil
        }
        guard trains.count == 1, let train = trains.first else {
            throw PipelineRunError.wrongInputCount(stage: input.stage.id, expected: "one trained model", found: trains.count)
        }
        let product = train.value
        var spec = BacktestSpec()
        if let path = stage.policyPath { spec.policy = try PolicyLoader.load(path: path) }
        // The plan's split and grid only; the replay forecasts at the policy's horizons.
        let plan = try EvaluationPlan(series: product.series.timeSeries, horizonMinutes: spec.policy.behavior.horizonsMinutes.map { Int($0.rounded(.up)) })
        let model = try EvaluateExecution.load(input.cache.file(train.key, product.artifactFile))
        let validationModel = try product.validationArtifactFile.map { try EvaluateExecution.load(input.cache.file(train.key, $0)) } ?? model

        spec.resource = stage.resource
        spec.startupDelaySeconds = stage.startupDelaySeconds
        let grid = plan.grid.series
        let split = plan.split
        // c from the train part only, so both replays are priced alike and no part's own mean leaks in.
        let trainValues = grid.values[split.train]
        spec.capacityPerReplica = trainValues.reduce(0, +) / Double(trainValues.count) / stage.replicasAtMeanDemand
        let counter = product.series.preprocessing?.input == .counter
        let name = product.series.name
        let validationEnd = split.trainCount + split.validationCount
        var validationSpec = spec
        validationSpec.warmupPoints = split.trainCount
        let validation = try Backtest.run(
            trace: prefix(of: grid, name: name, count: validationEnd), name: name,
            forecaster: ArtifactDemandForecaster(artifact: validationModel, name: product.model, counter: counter), spec: validationSpec)
        var testSpec = spec
        testSpec.warmupPoints = validationEnd
        let test = try Backtest.run(
            trace: prefix(of: grid, name: name, count: grid.count), name: name,
            forecaster: ArtifactDemandForecaster(artifact: model, name: product.model, counter: counter), spec: testSpec)

        let points = metrics(validation, prefix: "val_") + metrics(test, prefix: "")
        try input.tracking.tracker.logBatch(run: product.run, params: [:], metrics: points,
                                            tags: ["backtested_by": input.tracking.parent.rawValue])
        _ = try input.tracking.tracker.logArtifact(run: product.run, name: "backtest.svg", kind: "plot",
                                                   data: Data(BacktestPlot.svg(test).utf8))
        return StageResult(product: .evaluated(EvaluateProduct(
            run: product.run, stage: input.stage.id, model: product.model, series: name,
            metric: product.series.metric, metrics: Dictionary(points.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a }))))
    }

    /// The first `count` points of a grid as a trace.
    static func prefix(of grid: RegularSeries, name: String, count: Int) -> TimeSeries {
        TimeSeries(name: name, timestamps: (0..<count).map { grid.start + Double($0) * grid.interval },
                   values: Array(grid.values[0..<count]))
    }

    /// The predictive strategy's four numbers as `<prefix>backtest_…`, reactive HPA's as `<prefix>hpa_…`.
    static func metrics(_ report: BacktestReport, prefix: String) -> [MetricPoint] {
        func four(_ result: StrategyResult, _ name: String) -> [MetricPoint] {
            [
                MetricPoint(key: "\(prefix)\(name)_under_minutes", value: result.underProvisionedMinutes),
                MetricPoint(key: "\(prefix)\(name)_worst_shortfall", value: result.worstShortfall),
                MetricPoint(key: "\(prefix)\(name)_slack_replica_hours", value: result.slackReplicaHours),
                MetricPoint(key: "\(prefix)\(name)_actions", value: Double(result.scalingActions)),
            ]
        }
        return four(report.predictive, "backtest") + four(report.reactive, "hpa")
    }
}

/// A pipeline's fitted model as the backtest's forecaster: conditioned on the history up to
/// each decision, never refitted.
///
/// A counter's series reaches the pipeline as its per-second rate r_i, while its artifact
/// forecasts from raw counter values (it holds the rate stage). The history is therefore
/// integrated back into a counter, c_0 = 0, c_i = c_{i−1} + r_i·(t_i − t_{i−1}), whose rate
/// stage gives r_1 … r_i again (the first point is lost, as with any counter).
struct ArtifactDemandForecaster: DemandForecaster {
    let artifact: FittedModelArtifact
    let name: String
    let counter: Bool

    func forecast(history: TimeSeries, decision: Int, steps: Int) throws -> [Double]? {
        let raw = counter ? Self.integrated(history) : history
        guard raw.count >= max(try HistoryRequirement.minimumRawPoints(artifact), 2) else { return nil }
        return try artifact.forecast(rawHistory: raw, steps: steps)
    }

    static func integrated(_ rates: TimeSeries) -> TimeSeries {
        var total = 0.0
        var values = [Double](repeating: 0, count: rates.count)
        for i in rates.values.indices.dropFirst() {
            total += rates.values[i] * (rates.timestamps[i] - rates.timestamps[i - 1])
            values[i] = total
        }
        return TimeSeries(name: rates.name, timestamps: rates.timestamps, values: values)
    }
}
