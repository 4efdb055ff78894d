import Forecasting
import Foundation
import Series
import Tracking

/// `kind: evaluate`: the protocol's scores of a trained model (docs/EVALUATION.md §5–§6),
/// from its artifacts: the protocol fit on the test part, and on the validation part the
/// fit that saw no validation targets (`validation_model.json`, or the protocol fit when
/// the train stage says it serves). Logged into the train stage's run as
/// `<metric>_<minutes>m` and `val_<metric>_<minutes>m`, with relMAE against the naive
/// forecast on the same plan, `evaluation.json` and the forecast plots.
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
        let model = try load(input.cache.file(train.key, product.artifactFile))
        let validationModel = try product.validationArtifactFile.map { try load(input.cache.file(train.key, $0)) } ?? model
        let test = try model.score(on: plan, part: .test)
        let validation = try validationModel.score(on: plan, part: .validation)
        let naive = try ModelSpec.naive.fitForProtocol(on: plan, clock: ContinuousClock()).model.score(on: plan, part: .test)

        var metrics: [String: Double] = ["forecast_seconds": test.forecastSeconds]
        for horizon in plan.horizons {
            let key = String(horizon.minutes)
            if let score = test.horizons[key] { add(score, prefix: "", minutes: horizon.minutes, to: &metrics) }
            if let score = validation.horizons[key] { add(score, prefix: "val_", minutes: horizon.minutes, to: &metrics) }
            if let score = test.horizons[key], let base = naive.horizons[key] {
                metrics["relmae_\(horizon.minutes)m"] = score.mae / base.mae
            }
        }
        let tracker = input.tracking.tracker
        try tracker.logBatch(
            run: product.run, params: [:], metrics: metrics.keys.sorted().map { MetricPoint(key: $0, value: metrics[$0]!) },
            tags: ["evaluated_by": input.tracking.parent.rawValue])
        let evaluation = PipelineEvaluation(
            series: product.series.name, model: product.model, intervalSeconds: plan.grid.series.interval, n: plan.split.count,
            nTrain: plan.split.trainCount, nVal: plan.split.validationCount, nTest: plan.split.testCount,
            horizons: test.horizons, validation: validation.horizons)
        _ = try tracker.logArtifact(run: product.run, name: "evaluation.json", kind: "evaluation", data: try RunTracking.json(evaluation))
        for plot in EvaluationPlots.forecasts(plan: plan, paths: test.paths, model: product.model) {
            _ = try tracker.logArtifact(run: product.run, name: plot.name, kind: "plot", data: Data(plot.svg.utf8))
        }
        return StageResult(product: .evaluated(EvaluateProduct(
            run: product.run, stage: input.stage.id, model: product.model, series: product.series.name,
            metric: product.series.metric, metrics: metrics)))
    }

    static func load(_ url: URL) throws -> FittedModelArtifact {
        try ArtifactLoader.load(try Data(contentsOf: url))
    }

    static func add(_ score: HorizonScore, prefix: String, minutes: Int, to metrics: inout [String: Double]) {
        for (name, value) in [("mae", score.mae), ("rmse", score.rmse), ("smape", score.smape), ("mase", score.mase), ("r2", score.r2)] {
            metrics["\(prefix)\(name)_\(minutes)m"] = value
        }
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

    enum CodingKeys: String, CodingKey {
        case series, model, n, horizons, validation
        case intervalSeconds = "interval_seconds"
        case nTrain = "n_train"
        case nVal = "n_val"
        case nTest = "n_test"
    }
}
