import Foundation
@testable import Forecasting
import Series
import TestSupport
import Testing

/// Validation scores and scoring from an artifact (EVALUATION.md, "Validation scores (for
/// selection)"), for every catalog kind on the small daily-cycle series of
/// `ArtifactRoundTripTests` (400 points of 30 minutes: n_train 280, n_val 60, n_test 60;
/// horizons 30 and 60 minutes, h = 1 and 2 steps; the LSTM tiny, 2 epochs).
@Suite struct ValidationScoringTests {
    static let raw = ArtifactLoaderTests.raw(ArtifactRoundTripTests.series)
    static let refitKinds: [ModelKind] = [.arima, .autoarima, .autoarimaDaily, .prophet, .prophetAR, .gbt, .ensemble]

    static func plan(_ series: TimeSeries = raw) throws -> EvaluationPlan {
        try EvaluationPlan(series: series, horizonMinutes: [30, 60])
    }

    /// Every metric of every horizon within 1e-12 relative (NaN matches NaN).
    static func expectClose(_ a: [String: HorizonScore], _ b: [String: HorizonScore], _ what: String) {
        #expect(Set(a.keys) == Set(b.keys), "\(what): \(a.keys) vs \(b.keys)")
        for (key, x) in a {
            guard let y = b[key] else { continue }
            #expect(x.steps == y.steps && x.origins == y.origins, "\(what) \(key)")
            for (name, u, v) in [("mae", x.mae, y.mae), ("rmse", x.rmse, y.rmse), ("smape", x.smape, y.smape),
                                 ("mase", x.mase, y.mase), ("r2", x.r2, y.r2)] {
                #expect((u.isNaN && v.isNaN) || isClose(u, v, rel: 1e-12), "\(what) \(key) \(name): \(u) vs \(v)")
            }
        }
    }

    @Test func validationOriginsStayInsideTheValidationPart() throws {
        let plan = try Self.plan()
        #expect(plan.split.trainCount == 280 && plan.split.validationCount == 60 && plan.split.testStart == 340)
        #expect(plan.validationOrigins(steps: 1) == 280..<339)
        #expect(plan.validationOrigins(steps: 2) == 280..<338)
        #expect(plan.allValidationOrigins == 280..<339)
        #expect(plan.validationOrigins(steps: 60) == 280..<280)
        #expect(ValidationFit.refitTrainCount(trainCount: 280) == 230)
        // ⌊n · 0.70/0.85⌋ = ⌊14n/17⌋ for every n, also where 0.70/0.85 in doubles rounds badly.
        for n in [2, 17, 34, 85, 170, 280, 1_000, 12_345] {
            #expect(ValidationFit.refitTrainCount(trainCount: n) == Int((Double(n) * 14 / 17).rounded(.down)))
        }
    }

    /// (a) `fitForProtocol` + `score(part: .test)` is the `Evaluator`; (c) the validation
    /// model exists exactly for the refit kinds; validation scores agree between
    /// `evaluateDetailed(validation: true)` and `ProtocolFit`; (d) the artifacts round-trip
    /// through JSON and score the same bits.
    @Test(arguments: ModelKind.allCases)
    func protocolFitScoresAsTheEvaluator(kind: ModelKind) throws {
        let spec = ArtifactRoundTripTests.spec(kind)
        let plan = try Self.plan()
        let evaluated = try spec.evaluateDetailed(on: plan, with: Evaluator(), validation: true)
        let fit = try spec.fitForProtocol(on: plan, clock: ContinuousClock())

        #expect(fit.model == evaluated.artifact, "the protocol fit is the evaluator's")
        let test = try fit.model.score(on: plan, part: .test)
        Self.expectClose(test.horizons, evaluated.report.horizons, "\(kind) test")
        #expect(test.horizons == evaluated.report.horizons, "\(kind): same bits")
        #expect(test.paths.count == plan.allOrigins.count && test.paths.allSatisfy { $0.count == 2 })
        #expect(test.paths.flatMap { $0 }.map(\.bitPattern) == evaluated.paths.flatMap { $0 }.map(\.bitPattern))

        let refits = Self.refitKinds.contains(kind)
        #expect(spec.validationFit == (refits ? .refitOnTrain : .protocolFit))
        #expect((fit.validationModel == nil) == [.naive, .snaive, .lstm, .nhits].contains(kind))
        #expect((fit.validationFitSeconds == nil) == !refits)
        if let refit = fit.validationModel {
            #expect(refit.data == FittedData(intervalSeconds: 1800, start: ArtifactRoundTripTests.series.start, count: 280, trainCount: 230))
            #expect(refit.scaler == plan.scaler && refit.kind == kind)
        }
        let validation = try fit.validationScorer.score(on: plan, part: .validation)
        #expect(validation.paths.count == 59)
        #expect(validation.horizons["30"]?.origins == 59 && validation.horizons["60"]?.origins == 58)
        #expect(validation.horizons.values.allSatisfy { $0.mae.isFinite && $0.mase.isFinite && $0.smape.isFinite })
        let reported = try #require(evaluated.report.validation)
        Self.expectClose(validation.horizons, reported, "\(kind) validation")

        // (d) JSON round trip: equal artifacts, identical scores.
        let loaded = try ArtifactLoader.load(try fit.model.encoded())
        #expect(loaded == fit.model)
        try Self.expectSameScores(fit.model, loaded, on: plan, part: .test)
        let loadedRefit = try fit.validationModel.map { try ArtifactLoader.load(try $0.encoded()) }
        #expect(loadedRefit == fit.validationModel)
        try Self.expectSameScores(fit.validationScorer, loadedRefit ?? loaded, on: plan, part: .validation)
    }

    static func expectSameScores(_ a: FittedModelArtifact, _ b: FittedModelArtifact, on plan: EvaluationPlan, part: ScoredPart) throws {
        let x = try a.score(on: plan, part: part)
        let y = try b.score(on: plan, part: part)
        #expect(x.horizons == y.horizons, "\(a.kind) \(part) after loading")
        #expect(x.paths.flatMap { $0 }.map(\.bitPattern) == y.paths.flatMap { $0 }.map(\.bitPattern))
    }

    /// (b) The refit never sees validation targets: changing every value after n_train
    /// (without moving the train part's min and max, so the scaler stays) leaves the
    /// refit's state unchanged, while the protocol fit, which saw them, changes.
    @Test(arguments: refitKinds)
    func refitIgnoresValidationTargets(kind: ModelKind) throws {
        let spec = ArtifactRoundTripTests.spec(kind)
        let plan = try Self.plan()
        var values = Self.raw.values
        for k in 280..<values.count { values[k] += 4 * cos(Double(k) / 3) + 3 }
        let changed = try Self.plan(TimeSeries(name: Self.raw.name, timestamps: Self.raw.timestamps, values: values))
        #expect(changed.scaler == plan.scaler)
        let a = try spec.fitForProtocol(on: plan, clock: ContinuousClock())
        let b = try spec.fitForProtocol(on: changed, clock: ContinuousClock())
        let refitA = try #require(a.validationModel)
        let refitB = try #require(b.validationModel)
        #expect(refitA == refitB, "\(kind): the refit's state depends on validation values")
        #expect(try refitA.encoded() == refitB.encoded())
        #expect(a.model != b.model, "\(kind): the protocol fit should see the validation part")
        // The same model scores other targets.
        let scoreA = try refitA.score(on: plan, part: .validation).horizons["30"]?.mae
        let scoreB = try refitB.score(on: changed, part: .validation).horizons["30"]?.mae
        #expect(scoreA != scoreB)
    }

    /// Naive validation MAE by hand: mean over t ∈ [n_train, n_train + n_val − h) of |s_{t+h} − s_t|.
    @Test func naiveValidationMAEIsTheHandComputation() throws {
        let plan = try Self.plan()
        let fit = try ModelSpec.naive.fitForProtocol(on: plan, clock: ContinuousClock())
        let scores = try fit.model.score(on: plan, part: .validation)
        let s = plan.scaled.values
        for horizon in plan.horizons {
            let origins = 280..<(340 - horizon.steps)
            let mae = origins.map { abs(s[$0 + horizon.steps] - s[$0]) }.reduce(0, +) / Double(origins.count)
            let score = try #require(scores.horizons[String(horizon.minutes)])
            #expect(score.origins == origins.count)
            #expect(isClose(score.mae, mae, rel: 1e-12), "\(score.mae) vs \(mae)")
            #expect(isClose(score.mase, mae / plan.naiveScale, rel: 1e-12))
        }
        #expect(scores.paths.first == [s[280], s[280]])
    }

    /// `ProtocolFit.report` is the evaluator's report plus validation.
    @Test func reportMatchesTheEvaluatorWithValidation() throws {
        let plan = try Self.plan()
        let spec = ModelSpec(kind: .arima)
        let evaluated = try spec.evaluateDetailed(on: plan, with: Evaluator(), validation: true)
        let report = try spec.fitForProtocol(on: plan, clock: ContinuousClock()).report(on: plan, name: evaluated.report.model)
        #expect(report.horizons == evaluated.report.horizons && report.parameters == evaluated.report.parameters)
        #expect(report.validation == evaluated.report.validation)
        #expect(report.nTrain == 280 && report.nVal == 60 && report.nTest == 60 && report.model == "arima")
    }

    /// `validation` is written only when computed, so reports without it keep their JSON.
    @Test func validationIsEncodedOnlyWhenPresent() throws {
        let plan = try Self.plan()
        let plain = try ModelSpec.naive.evaluate(on: plan, with: Evaluator())
        let detailed = try ModelSpec.naive.evaluateDetailed(on: plan, with: Evaluator(), validation: true).report
        func object(_ report: EvaluationReport) throws -> [String: Any] {
            try #require(try JSONSerialization.jsonObject(with: try JSONEncoder().encode(report)) as? [String: Any])
        }
        let plainObject = try object(plain)
        let detailedObject = try object(detailed)
        #expect(plain.validation == nil && plainObject["validation"] == nil)
        let validation = try #require(detailedObject["validation"] as? [String: [String: Any]])
        #expect(Set(validation.keys) == ["30", "60"] && validation["30"]?["origins"] as? Int == 59)
        #expect(detailed.horizons == plain.horizons)
    }

    /// (e) An artifact fitted on another plan, or the wrong fit for a part, is a typed
    /// error that names both values.
    @Test func mismatchedPlanIsATypedError() throws {
        let plan = try Self.plan()
        let naive = try ModelSpec.naive.fitForProtocol(on: plan, clock: ContinuousClock()).model
        // 420 points whose extra train points lie inside the train range: same scaler, n_train 294.
        var values = Self.raw.values + (0..<20).map { 40 + Double($0 % 3) }
        for k in 280..<294 { values[k] = 40 }
        let longer = try Self.plan(TimeSeries(name: "cpu", timestamps: (0..<420).map { Self.raw.timestamps[0] + 1800 * Double($0) }, values: values))
        #expect(longer.scaler == plan.scaler && longer.split.testStart == 357)
        #expect(throws: ScoringError.extentMismatch(kind: "naive", part: .test, field: "count", artifact: 340, plan: 357)) {
            try naive.score(on: longer, part: .test)
        }
        let doubled = try Self.plan(TimeSeries(name: "cpu", timestamps: Self.raw.timestamps, values: Self.raw.values.map { 2 * $0 }))
        #expect(throws: ScoringError.scalerMismatch(kind: "naive", artifact: plan.scaler, plan: doubled.scaler)) {
            try naive.score(on: doubled, part: .test)
        }
        let shifted = try Self.plan(TimeSeries(name: "cpu", timestamps: Self.raw.timestamps.map { $0 + 1800 }, values: Self.raw.values))
        #expect(throws: ScoringError.gridMismatch(kind: "naive", field: "start", artifact: plan.grid.series.start, plan: plan.grid.series.start + 1800)) {
            try naive.score(on: shifted, part: .test)
        }
        // The protocol fit of a refit kind saw the validation targets: it may not score them.
        let arima = try ModelSpec(kind: .arima).fitForProtocol(on: plan, clock: ContinuousClock())
        do {
            _ = try arima.model.score(on: plan, part: .validation)
            Issue.record("the protocol fit of arima scored validation")
        } catch let error as ScoringError {
            #expect(error == .extentMismatch(kind: "arima", part: .validation, field: "count", artifact: 340, plan: 280))
            #expect(error.description.contains("340") && error.description.contains("280"), "\(error)")
        }
        let refit = try #require(arima.validationModel)
        #expect(throws: ScoringError.extentMismatch(kind: "arima", part: .test, field: "count", artifact: 280, plan: 340)) {
            try refit.score(on: plan, part: .test)
        }
    }
}
