@testable import Forecasting
import Foundation
import Series
import Testing

/// Checks every globally trained family must pass (`GlobalTrainingTests` for the LSTM,
/// `GBTGlobalTrainingTests` for gbt, `NHITSGlobalTrainingTests` for nhits).
enum GlobalTrainingChecks {
    /// Every series is scored at 5, 15 and 30 minutes with a finite MAE > 0, and its artifact
    /// forecasts what the evaluator scored.
    static func expectScoredAsTheArtifactsForecast(_ outcomes: [ModelEvaluation], on plans: [EvaluationPlan]) throws {
        for (outcome, plan) in zip(outcomes, plans) {
            #expect(outcome.report.horizons.keys.sorted() == ["15", "30", "5"])
            #expect(outcome.report.horizons.values.allSatisfy { $0.mae.isFinite && $0.mae > 0 })
            let rescored = try outcome.artifact.score(on: plan, part: .test, clock: ContinuousClock())
            for (minutes, score) in outcome.report.horizons {
                #expect(abs(rescored.horizons[minutes]!.mae - score.mae) < 1e-12)
            }
        }
    }

    /// `spec` trained globally on `series` and again with the last series' test part moved by
    /// 1,000: the other series' scores and paths are unchanged; returns both runs' outcomes of
    /// the changed series for the family's own checks of its state.
    static func expectNoTestPartReachesTheFit(_ spec: ModelSpec, series: [TimeSeries]) throws -> (before: ModelEvaluation, after: ModelEvaluation) {
        let plans = try series.map { try EvaluationPlan(series: $0) }
        let last = series.count - 1
        var changed = series[last]
        for k in plans[last].split.testStart..<changed.values.count { changed.values[k] += 1_000 }
        let plansChanged = Array(plans.prefix(last)) + [try EvaluationPlan(series: changed)]
        let a = try spec.evaluateGlobal(on: plans, with: Evaluator())
        let b = try spec.evaluateGlobal(on: plansChanged, with: Evaluator())
        for i in 0..<last {
            #expect(a[i].report.horizons.mapValues(\.mae) == b[i].report.horizons.mapValues(\.mae))
            #expect(a[i].paths == b[i].paths)
        }
        return (a[last], b[last])
    }
}
