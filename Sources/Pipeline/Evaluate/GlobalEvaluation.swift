import Forecasting
import Foundation
import Series

/// What `autoscale evaluate --global` prints: each series' protocol report from the one
/// model trained across them all, and the naive forecast's on the same series.
public struct GlobalEvaluationResult: Sendable, Encodable {
    public let model: String
    /// One report per series, in the order read.
    public let series: [EvaluationReport]
    /// The naive forecast's report per series (the denominator of `relativeMAE`).
    public let naive: [EvaluationReport]
    /// Wall seconds of the one global fit.
    public let fitSeconds: Double

    /// relMAE per horizon (minutes): the geometric mean over series of MAE ÷ MAE_naive,
    /// exp((1/S) Σ_s ln(MAE_s / MAE_naive,s)); a series whose naive MAE is 0 is left out.
    public var relativeMAE: [Int: Double] {
        var result: [Int: Double] = [:]
        for (minutes, _) in series.first?.orderedHorizons ?? [] {
            let key = String(minutes)
            let logs = zip(series, naive).compactMap { model, naive -> Double? in
                guard let m = model.horizons[key]?.mae, let b = naive.horizons[key]?.mae, b > 0, m > 0 else { return nil }
                return log(m / b)
            }
            if !logs.isEmpty { result[minutes] = exp(logs.reduce(0, +) / Double(logs.count)) }
        }
        return result
    }

    enum CodingKeys: String, CodingKey { case model, global, series, relativeMAE = "rel_mae", fitSeconds = "fit_seconds" }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(model, forKey: .model)
        try c.encode(true, forKey: .global)
        try c.encode(series, forKey: .series)
        try c.encode(Dictionary(uniqueKeysWithValues: relativeMAE.map { (String($0.key), $0.value) }), forKey: .relativeMAE)
        try c.encode(fitSeconds, forKey: .fitSeconds)
    }
}

/// Reads every series of the request (`readEverySeries`: a file's containers or a folder's files), trains one model across them
/// (`ModelSpec.evaluateGlobal`: each series scaled on its own train part) and scores each
/// series by the protocol, beside the naive forecast. The CLI's `evaluate --global` calls this.
public func evaluateGlobal<C: Clock>(_ request: SeriesEvaluationRequest, evaluator: Evaluator<C>) throws -> GlobalEvaluationResult {
    let plans = try request.globalPlans()
    let outcomes = try request.model.evaluateGlobal(on: plans, with: evaluator, hooks: request.hooks)
    let naive = try plans.map { try ModelSpec.naive.evaluate(on: $0, with: evaluator) }
    return GlobalEvaluationResult(outcomes: outcomes, naive: naive, model: request.model.name)
}

extension GlobalEvaluationResult {
    init(outcomes: [ModelEvaluation], naive: [EvaluationReport], model: String) {
        self.init(model: model, series: outcomes.map(\.report), naive: naive,
                  fitSeconds: outcomes.map(\.report.fitSeconds).reduce(0, +))
    }
}

extension SeriesEvaluationRequest {
    /// The protocol plan of every series the request names; throws first when the model
    /// has no global training.
    func globalPlans() throws -> [EvaluationPlan] {
        try checkGlobalTraining()
        return try readEverySeries().map { try EvaluationPlan(series: $0, horizonMinutes: horizonMinutes) }
    }

    /// Throws `ModelSpecError.globalTrainingNotOffered` unless the model's family trains
    /// globally (callers check before opening a registry, so a refusal records nothing).
    public func checkGlobalTraining() throws {
        guard model.kind.offersGlobalTraining else {
            throw ModelSpecError.globalTrainingNotOffered(model: model.name, offeredBy: ModelKind.globalTrainingNames)
        }
    }
}
