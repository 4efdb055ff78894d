import Foundation
@testable import Forecasting
import Kernels
import Series
import Testing

/// The `ensemble` catalog model: MAE weights on the simplex, median mode, no leakage of
/// test values, causality, artifact round trip, an ensemble of one member.
@Suite struct EnsembleTests {
    /// A daily cycle on a 30-minute grid (48 steps a day) with AR(1) noise and a level
    /// shift, so naive, ARIMA and AutoARIMA forecast differently.
    static let series: RegularSeries = {
        var rng = SplitMix64(seed: 21)
        var noise = 0.0
        let values = (0..<420).map { k -> Double in
            noise = 0.6 * noise + 2 * rng.nextGaussian()
            return 40 + 12 * sin(2 * Double.pi * Double(k) / 48) + (k > 200 ? 6 : 0) + noise
        }
        return RegularSeries(name: "cpu", start: 1_704_067_200, interval: 1800, values: values)
    }()

    static let members = [ModelSpec(kind: .arima), ModelSpec(kind: .naive), ModelSpec(kind: .snaive)]

    static func spec(_ members: [ModelSpec] = members, combine: EnsembleCombine = .weights) -> ModelSpec {
        ModelSpec(EnsembleSettings(members: members, combine: combine))
    }

    static func plan(_ values: [Double] = series.values) throws -> EvaluationPlan {
        try EvaluationPlan(series: ArtifactLoaderTests.raw(series.with(values: values)), horizonMinutes: [30, 90])
    }

    static func ensembleState(_ artifact: FittedModelArtifact) throws -> EnsembleState {
        try #require(artifact.state.value as? EnsembleState)
    }

    static func uniform(_ rng: inout SplitMix64) -> Double {
        Double(rng.next() >> 11) / Double(1 << 53)
    }

    // MARK: weights

    /// y = 0.7·p₁ + 0.3·p₂ exactly, with a third member of noise: the weights come back.
    @Test func weightsRecoverAKnownExactCombination() {
        var rng = SplitMix64(seed: 3)
        let p1 = (0..<300).map { _ in rng.nextGaussian() }
        let p2 = (0..<300).map { _ in 2 + rng.nextGaussian() }
        let p3 = (0..<300).map { _ in 5 * rng.nextGaussian() }
        let y = zip(p1, p2).map { 0.7 * $0 + 0.3 * $1 }
        let w = EnsembleWeights.fit(forecasts: [p1, p2, p3], targets: y)
        #expect(abs(w[0] - 0.7) < 1e-9 && abs(w[1] - 0.3) < 1e-9 && w[2] < 1e-9, "\(w)")
        #expect(EnsembleWeights.meanAbsoluteError(forecasts: [p1, p2, p3], weights: w, targets: y) < 1e-9)
    }

    /// Noisy targets: weights stay on the simplex and no point of a 0.01 grid over the
    /// simplex has a lower MAE (to 1e-9), so the search found the minimum.
    @Test(arguments: [1, 2, 3, 4, 5] as [UInt64])
    func weightsAreOnTheSimplexAndNoGridPointBeatsThem(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        let truth = (0..<200).map { _ in 10 * rng.nextGaussian() }
        let forecasts = [1.0, 2.0, 4.0].map { noise in truth.map { $0 + noise * rng.nextGaussian() + noise / 2 } }
        let targets = truth.map { $0 + rng.nextGaussian() }
        let w = EnsembleWeights.fit(forecasts: forecasts, targets: targets)
        #expect(w.count == 3 && w.allSatisfy { $0 >= 0 } && abs(w.reduce(0, +) - 1) < 1e-12, "\(w)")
        let found = EnsembleWeights.meanAbsoluteError(forecasts: forecasts, weights: w, targets: targets)
        var best = Double.infinity
        for i in 0...100 {
            for j in 0...(100 - i) {
                let grid = [Double(i) / 100, Double(j) / 100, Double(100 - i - j) / 100]
                best = min(best, EnsembleWeights.meanAbsoluteError(forecasts: forecasts, weights: grid, targets: targets))
            }
        }
        #expect(found <= best + 1e-9, "found \(found), grid \(best), weights \(w)")
    }

    /// With two members the pair direction spans the simplex: the result is the 1-D minimum.
    @Test func twoMembersGiveTheExactOneDimensionalMinimum() {
        var rng = SplitMix64(seed: 8)
        let a = (0..<101).map { _ in rng.nextGaussian() }
        let b = (0..<101).map { _ in 1 + rng.nextGaussian() }
        let y = (0..<101).map { _ in 0.5 + rng.nextGaussian() }
        let w = EnsembleWeights.fit(forecasts: [a, b], targets: y)
        let f = { (x: Double) in EnsembleWeights.meanAbsoluteError(forecasts: [a, b], weights: [x, 1 - x], targets: y) }
        let found = f(w[0])
        for step in 0...10_000 { #expect(found <= f(Double(step) / 10_000) + 1e-12) }
    }

    // MARK: fitted ensemble

    /// Fitted through the catalog: one row of weights per step, each on the simplex, and
    /// the report names members and weights per horizon minutes.
    @Test func fittedWeightsAreOnTheSimplexAndReported() throws {
        let plan = try Self.plan()
        let fit = try Self.spec().fitForProtocol(on: plan, clock: ContinuousClock())
        let state = try Self.ensembleState(fit.model)
        #expect(state.weights.count == 3 && state.residuals.count == 3)
        for w in state.weights { #expect(w.count == 3 && w.allSatisfy { $0 >= 0 } && abs(w.reduce(0, +) - 1) < 1e-9, "\(w)") }
        #expect(state.members.map(\.kind) == [.arima, .naive, .snaive])
        let report = try fit.report(on: plan, name: "ensemble")
        #expect(report.parameters["ensemble.members"] == .text("arima,naive,snaive"))
        #expect(report.parameters["ensemble.weights_30"] == .numbers(state.weights[0]))
        #expect(report.parameters["ensemble.weights_90"] == .numbers(state.weights[2]))
        #expect(state.trackingParams["ensemble.combine"] == "weights")
        #expect(report.parameters["arima.order"] != nil, "\(report.parameters.keys.sorted())")
    }

    /// The fitted weights minimise the validation MAE of the members fitted on train:
    /// the ensemble's validation MAE is no worse than its best member's, per horizon.
    @Test func validationScoreIsNoWorseThanTheBestMember() throws {
        let plan = try Self.plan()
        let ensemble = try Self.spec().fitForProtocol(on: plan, clock: ContinuousClock())
        let ensembleScores = try ensemble.validationScorer.score(on: plan, part: .validation).horizons
        for member in Self.members {
            let scores = try member.fitForProtocol(on: plan, clock: ContinuousClock()).validationScorer.score(on: plan, part: .validation).horizons
            for (minutes, score) in scores {
                let own = try #require(ensembleScores[minutes])
                // The ensemble's validation part lies inside the members' train-only refit
                // range differently from its own weights fit, so allow a little slack.
                #expect(own.mae <= score.mae * 1.05, "\(minutes) min: ensemble \(own.mae), \(member.name) \(score.mae)")
            }
        }
    }

    @Test func medianCombinesMembersByTheirMedian() throws {
        let data = FitData(series: Self.series.prefix(360), trainCount: 300)
        let context = FitContext(interval: 1800, scaler: try MinMaxScaler(fittingOn: Self.series.values.prefix(300)), horizonMinutes: [90])
        let ensemble = try Ensemble(settings: EnsembleSettings(members: Self.members, combine: .median), context: context).fit(data)
        #expect(ensemble.state.weights.isEmpty && ensemble.state.combine == .median)
        let paths = try ensemble.rollingForecasts(over: Self.series, origins: 360..<400, steps: 3)
        let alone = try Self.members.map { member in
            try member.fitMember(data, context: context, hooks: .silent).model.rollingForecasts(over: Self.series, origins: 360..<400, steps: 3)
        }
        for i in 0..<40 {
            for k in 0..<3 {
                let values = alone.map { $0[i][k] }.sorted()
                #expect(paths[i][k] == values[1], "origin \(360 + i) step \(k + 1)")
            }
        }
        #expect(ensemble.parameters["ensemble.combine"] == .text("median"))
    }

    /// `fitDetailed` returns the validation paths the weights were fitted on (refitting the
    /// weights on them gives the stored ones; each path is the train-only fit's forecast),
    /// and `memberRollingForecasts` are the paths `rollingForecasts` combines.
    @Test func detailedFitExposesTheValidationAndMemberPaths() throws {
        let data = FitData(series: Self.series.prefix(360), trainCount: 300)
        let context = FitContext(interval: 1800, scaler: try MinMaxScaler(fittingOn: Self.series.values.prefix(300)), horizonMinutes: [90])
        let ensemble = try Ensemble(settings: EnsembleSettings(members: Self.members), context: context)
        let (fitted, validation) = try ensemble.fitDetailed(data)
        #expect(validation.count == 3 && validation.allSatisfy { $0.count == 60 && $0.allSatisfy { $0.count == 3 } })
        for k in 1...3 {
            let targetCount = 60 - k + 1
            let forecasts = validation.map { member in (0..<targetCount).map { member[$0][k - 1] } }
            let targets = (0..<targetCount).map { Self.series.values[299 + $0 + k] }
            #expect(EnsembleWeights.fit(forecasts: forecasts, targets: targets) == fitted.state.weights[k - 1], "step \(k)")
        }
        let inner = FitData(series: data.train, trainCount: ValidationFit.refitTrainCount(trainCount: 300))
        let arimaAlone = try Self.members[0].fitMember(inner, context: context, hooks: .silent).model
            .rollingForecasts(over: data.series, origins: 299..<359, steps: 3)
        #expect(validation[0] == arimaAlone)

        let members = try fitted.memberRollingForecasts(over: Self.series, origins: 360..<400, steps: 3)
        let combined = try fitted.rollingForecasts(over: Self.series, origins: 360..<400, steps: 3)
        for i in 0..<40 {
            for k in 0..<3 {
                let expected = FittedEnsemble.weightedSum(members.map { $0[i][k] }, weights: fitted.state.weights[k])
                #expect(abs(combined[i][k] - expected) <= 1e-12 * max(1, abs(expected)), "origin \(360 + i) step \(k + 1)")
            }
        }
    }

    /// The weights and the members' fits come from train + validation only: changing every
    /// test value leaves the fitted state as it was; changing validation values does not.
    @Test func testValuesNeverReachTheFit() throws {
        let plan = try Self.plan()
        var changed = Self.series.values
        for i in plan.split.testStart..<changed.count { changed[i] = changed[i] * 1.5 + 7 }
        let changedPlan = try Self.plan(changed)
        let a = try Self.spec().fitForProtocol(on: plan, clock: ContinuousClock())
        let b = try Self.spec().fitForProtocol(on: changedPlan, clock: ContinuousClock())
        #expect(try Self.ensembleState(a.model) == Self.ensembleState(b.model))
        #expect(try Self.ensembleState(a.validationScorer) == Self.ensembleState(b.validationScorer))

        var validationChanged = Self.series.values
        for i in plan.split.trainCount..<plan.split.testStart { validationChanged[i] += 5 * sin(Double(i)) }
        let c = try Self.spec().fitForProtocol(on: try Self.plan(validationChanged), clock: ContinuousClock())
        #expect(try Self.ensembleState(c.model).weights != Self.ensembleState(a.model).weights)
    }

    /// Changing values after origin t never changes the forecast (or intervals) from t.
    @Test func forecastsFromAnOriginReadNothingAfterIt() throws {
        let data = FitData(series: Self.series.prefix(360), trainCount: 300)
        let context = FitContext(interval: 1800, scaler: try MinMaxScaler(fittingOn: Self.series.values.prefix(300)), horizonMinutes: [90])
        let ensemble = try Ensemble(settings: EnsembleSettings(members: Self.members), context: context).fit(data)
        let origin = 380
        var changed = Self.series.values
        for i in (origin + 1)..<changed.count { changed[i] = -changed[i] }
        let before = try ensemble.rollingForecasts(over: Self.series, origins: 370..<(origin + 1), steps: 3)
        let after = try ensemble.rollingForecasts(over: Self.series.with(values: changed), origins: 370..<(origin + 1), steps: 3)
        #expect(before == after)
        let intervalsBefore = try ensemble.rollingIntervals(over: Self.series, origins: origin..<(origin + 1), steps: 3, levels: [0.8])
        let intervalsAfter = try ensemble.rollingIntervals(over: Self.series.with(values: changed), origins: origin..<(origin + 1), steps: 3, levels: [0.8])
        #expect(intervalsBefore == intervalsAfter)
    }

    /// Residual intervals: nested, around the combined path, at the validation residuals'
    /// quantiles; a level outside (0, 1) is refused.
    @Test func intervalsAreNestedEmpiricalQuantilesOfValidationResiduals() throws {
        let data = FitData(series: Self.series.prefix(360), trainCount: 300)
        let context = FitContext(interval: 1800, scaler: try MinMaxScaler(fittingOn: Self.series.values.prefix(300)), horizonMinutes: [90])
        let ensemble = try Ensemble(settings: EnsembleSettings(members: Self.members), context: context).fit(data)
        #expect(ensemble.state.residuals.map(\.count) == [60, 59, 58])
        let paths = try ensemble.rollingForecasts(over: Self.series, origins: 360..<380, steps: 3)
        let intervals = try ensemble.rollingIntervals(over: Self.series, origins: 360..<380, steps: 3, levels: [0.8, 0.95])
        for (path, bounds) in zip(paths, intervals) {
            for k in 0..<3 {
                let q = try #require(LinearQuantiles(ensemble.state.residuals[k]))
                #expect(abs(bounds.lower[0][k] - (path[k] + q.quantile(0.1))) < 1e-12)
                #expect(abs(bounds.upper[1][k] - (path[k] + q.quantile(0.975))) < 1e-12)
                #expect(bounds.lower[1][k] <= bounds.lower[0][k] && bounds.lower[0][k] <= bounds.upper[0][k] && bounds.upper[0][k] <= bounds.upper[1][k])
            }
        }
        #expect(throws: IntervalError.levelOutOfRange(1.2)) {
            try ensemble.rollingIntervals(over: Self.series, origins: 360..<361, steps: 3, levels: [1.2])
        }
    }

    /// An ensemble of one member forecasts exactly as that member does, through the protocol.
    @Test(arguments: [ModelKind.arima, .autoarima, .naive])
    func ensembleOfOneMemberIsThatMember(kind: ModelKind) throws {
        let plan = try Self.plan()
        let single = try ModelSpec(kind: kind).evaluateDetailed(on: plan, with: Evaluator())
        let ensemble = try Self.spec([ModelSpec(kind: kind)]).evaluateDetailed(on: plan, with: Evaluator())
        #expect(ensemble.paths.map { $0.map(\.bitPattern) } == single.paths.map { $0.map(\.bitPattern) })
        #expect(try Self.ensembleState(ensemble.artifact).weights.allSatisfy { $0 == [1] })
        for (minutes, score) in single.report.horizons { #expect(ensemble.report.horizons[minutes]?.mae == score.mae) }
    }

    // MARK: artifact and settings

    /// fit → save → load: equal, same bytes, same forecast bit for bit; the state keeps
    /// every member's settings and state.
    @Test(arguments: [EnsembleCombine.weights, .median])
    func artifactRoundTrip(combine: EnsembleCombine) throws {
        let artifact = try Self.spec(combine: combine).fitArtifact(series: Self.series, trainCount: 340, steps: 3)
        let data = try artifact.encoded()
        let loaded = try ArtifactLoader.load(data)
        #expect(loaded == artifact)
        #expect(try loaded.encoded() == data)
        let state = try Self.ensembleState(loaded)
        #expect(state.version == 1 && state.members.count == 3 && state.members[0].state.value is FittedARIMA)
        let raw = ArtifactLoaderTests.raw(Self.series)
        let before = try artifact.forecast(rawHistory: raw, steps: 3)
        let after = try loaded.forecast(rawHistory: raw, steps: 3)
        #expect(before.map(\.bitPattern) == after.map(\.bitPattern) && before.allSatisfy(\.isFinite))
        let path = try loaded.state.forecastPath(history: try loaded.modelSeries(grid: Self.series), steps: 3, levels: [0.8])
        let bounds = try #require(path.intervals?.interval(level: 0.8))
        #expect(zip(bounds.lower, bounds.upper).allSatisfy { $0 <= $1 } && path.mean.count == 3)
    }

    /// A state of another version, or with weights off the simplex, does not load, and the
    /// error names what is wrong.
    @Test func badEnsembleStatesAreRefused() throws {
        let artifact = try Self.spec().fitArtifact(series: Self.series, trainCount: 340, steps: 3)
        var object = try #require(try JSONSerialization.jsonObject(with: try artifact.encoded()) as? [String: Any])
        var state = try #require(object["state"] as? [String: Any])
        state["version"] = 2
        object["state"] = state
        #expect {
            try ArtifactLoader.load(try JSONSerialization.data(withJSONObject: object))
        } throws: { "\($0)".contains("ensemble state version 2") }
        state["version"] = 1
        state["weights"] = [[0.5, 0.5, 0.5], [0.5, 0.5, 0.5], [0.5, 0.5, 0.5]]
        object["state"] = state
        #expect {
            try ArtifactLoader.load(try JSONSerialization.data(withJSONObject: object))
        } throws: { "\($0)".contains("not non-negative with sum 1") }
    }

    /// Members are decoded through the catalog; missing keys take the defaults; an empty
    /// or nested list is refused when the model is built.
    @Test func settingsDecodeThroughTheCatalog() throws {
        let json = #"{"kind": "ensemble", "settings": {"members": [{"kind": "naive", "settings": {}}, {"kind": "snaive", "settings": {"periodSeconds": 3600}}]}}"#
        let spec = try JSONDecoder().decode(ModelSpec.self, from: Data(json.utf8))
        let settings = try #require(spec.settings as? EnsembleSettings)
        #expect(settings.members.map(\.kind) == [.naive, .snaive] && settings.combine == .weights)
        let defaults = try JSONDecoder().decode(ModelSpec.self, from: Data(#"{"kind": "ensemble", "settings": {}}"#.utf8))
        #expect((defaults.settings as? EnsembleSettings)?.members == EnsembleSettings.defaultMembers)
        #expect(EnsembleSettings.defaultMembers.map(\.kind) == EnsembleSettings.defaultMemberKinds)
        #expect(throws: ModelSpecError.self) {
            try JSONDecoder().decode(ModelSpec.self, from: Data(#"{"kind": "ensemble", "settings": {"members": [{"kind": "arimma", "settings": {}}]}}"#.utf8))
        }
        #expect(throws: EnsembleError.noMembers) { try EnsembleSettings(members: []).check() }
        #expect(throws: EnsembleError.nestedEnsemble(member: 1)) {
            try EnsembleSettings(members: [ModelSpec(kind: .naive), ModelSpec(kind: .ensemble)]).check()
        }
    }

    /// Jobs run two at a time come back in index order; the lowest failing index's error wins.
    @Test func memberJobsKeepTheirOrderAndErrors() throws {
        #expect(try MemberParallel.map(7) { $0 * $0 } == [0, 1, 4, 9, 16, 25, 36])
        #expect(throws: EnsembleError.noMembers) {
            try MemberParallel.map(5) { i -> Int in
                if i == 3 { throw EnsembleError.nestedEnsemble(member: i) }
                if i == 1 { throw EnsembleError.noMembers }
                return i
            }
        }
    }
}
