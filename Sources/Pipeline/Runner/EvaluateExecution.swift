import Forecasting
import Foundation
import Series
import Tracking

/// `kind: evaluate`: the protocol's scores of a trained model (docs/EVALUATION.md §5–§6),
/// from its artifacts: the protocol fit on the test part, and on the validation part the
/// fit that saw no validation targets (`validation_model.json`, or the protocol fit when
/// the train stage says it serves). Logged into the train stage's run as
/// `<metric>_<minutes>m` and `val_<metric>_<minutes>m` (interval coverage as
/// `[val_]coverage_<percent>_<minutes>m`), with relMAE against the naive
/// forecast on the same plan, `evaluation.json` and the forecast plots. An ensemble also
/// logs its members and fitted weights as params (`ensemble.members`, `ensemble.combine`,
/// `ensemble.weights_<minutes>`: `EnsembleState.trackingParams`).
enum EvaluateExecution {
    static func run(_ stage: EvaluateStage, _ input: StageInput) throws -> StageResult {
        let trains = input.products { product -> TrainProduct? in
            if case .model(let train) = product { return train }
            return nil
        }
        guard trains.count == 1, let train = trains.first else {
            throw PipelineRunError.wrongInputCount(stage: input.stage.id, expected: "one trained model", found: trains.count)
        }
        let product = train.value
        let plan = try EvaluationPlan(series: product.series.timeSeries, horizonMinutes: stage.horizons)
        let model = try scorable(load(input.cache.file(train.key, product.artifactFile)), product.series)
        let validationModel = try product.validationArtifactFile.map { try scorable(load(input.cache.file(train.key, $0)), product.series) } ?? model
        let test = try model.score(on: plan, part: .test)
        let validation = try validationModel.score(on: plan, part: .validation)
        let naive = try ModelSpec.naive.fitForProtocol(on: plan, clock: ContinuousClock()).model.score(on: plan, part: .test)

        var points = [MetricPoint(key: "forecast_seconds", value: test.forecastSeconds)]
        points += scoreMetrics(test: test, validation: validation, plan: plan)
        for (minutes, score) in ordered(test.horizons, plan) {
            if let base = naive.horizons[String(minutes)] { points.append(MetricPoint(key: "relmae_\(minutes)m", value: score.mae / base.mae)) }
        }
        let metrics = Dictionary(points.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
        let tracker = input.tracking.tracker
        try tracker.logBatch(
            run: product.run, params: (model.state.value as? EnsembleState)?.trackingParams ?? [:], metrics: points,
            tags: ["evaluated_by": input.tracking.parent.rawValue])
        let evaluation = PipelineEvaluation(
            series: product.series.name, model: product.model, intervalSeconds: plan.grid.series.interval, n: plan.split.count,
            nTrain: plan.split.trainCount, nVal: plan.split.validationCount, nTest: plan.split.testCount,
            horizons: test.horizons, validation: validation.horizons, coverage: test.coverage)
        _ = try tracker.logArtifact(run: product.run, name: "evaluation.json", kind: "evaluation", data: try RunTracking.json(evaluation))
        for plot in EvaluationPlots.forecasts(plan: plan, paths: test.paths, model: product.model) {
            _ = try tracker.logArtifact(run: product.run, name: plot.name, kind: "plot", data: Data(plot.svg.utf8))
        }
        return StageResult(product: .evaluated(EvaluateProduct(
            run: product.run, stage: input.stage.id, model: product.model, series: product.series.name,
            metric: product.series.metric, metrics: metrics)))
    }

    /// `<metric>_<minutes>m` of the test part and `val_<metric>_<minutes>m` of the validation
    /// part for every horizon of `plan`, named as `EvaluationLogger` names them.
    static func scoreMetrics(test: PartScores, validation: PartScores, plan: EvaluationPlan) -> [MetricPoint] {
        EvaluationLogger.horizonMetrics(ordered(test.horizons, plan), prefix: "")
            + EvaluationLogger.horizonMetrics(ordered(validation.horizons, plan), prefix: "val_")
            + EvaluationLogger.coverageMetrics(test.coverage, prefix: "")
            + EvaluationLogger.coverageMetrics(validation.coverage, prefix: "val_")
    }

    /// Scores keyed by minutes, in the plan's horizon order.
    static func ordered(_ scores: [String: HorizonScore], _ plan: EvaluationPlan) -> [(minutes: Int, score: HorizonScore)] {
        plan.horizons.compactMap { h in scores[String(h.minutes)].map { (h.minutes, $0) } }
    }

    /// The artifact as the plan scores it. A counter's series reaches the plan as its rate,
    /// while its artifact holds the rate stage (`TrainExecution.withPreprocessing`, so that it
    /// forecasts from raw counters); the model itself was fitted on the rates, so it is scored
    /// without that stage.
    static func scorable(_ artifact: FittedModelArtifact, _ series: StoredSeries) -> FittedModelArtifact {
        guard series.preprocessing?.input == .counter else { return artifact }
        var onRates = artifact
        onRates.preprocessing = nil
        return onRates
    }

    static func load(_ url: URL) throws -> FittedModelArtifact {
        try ArtifactLoader.load(try Data(contentsOf: url))
    }
}

/// `evaluation.json` of a pipeline's model run: the protocol's test scores per horizon
/// and the validation scores selection reads (docs/formats/evaluation-json.md).
struct PipelineEvaluation: Encodable {
    var series: String
    var model: String
    var intervalSeconds: Double
    var n: Int
    var nTrain: Int
    var nVal: Int
    var nTest: Int
    var horizons: [String: HorizonScore]
    var validation: [String: HorizonScore]
    /// Test-part interval coverage, minutes → level → share; absent for a model without intervals.
    var coverage: [String: [String: Double]]?

    enum CodingKeys: String, CodingKey {
        case series, model, n, horizons, validation, coverage
        case intervalSeconds = "interval_seconds"
        case nTrain = "n_train"
        case nVal = "n_val"
        case nTest = "n_test"
    }
}
