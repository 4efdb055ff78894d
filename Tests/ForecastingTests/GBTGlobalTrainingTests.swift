@testable import Forecasting
import Foundation
import Series
import Testing

/// Global training of gbt (`GBTForecaster.fitGlobal`, `ModelSpec.evaluateGlobal`): the rows of
/// every series stacked into one booster set, each series scaled on its own train part and
/// keeping its own residual calibration. Small boosters on short seeded series.
@Suite struct GBTGlobalTrainingTests {
    static let settings = GBTBehaviourTests.settings()
    static let spec = ModelSpec(settings)

    @Test func oneSeriesGloballyIsThePerSeriesFit() throws {
        let series = GBTBehaviourTests.cycle()
        let data = FitData(series: series, trainCount: 600)
        let forecaster = GBTForecaster(settings: Self.settings, horizonSteps: [1, 3, 6])
        let single = try forecaster.fit(data)
        let global = try forecaster.fitGlobal([data])
        #expect(global.count == 1)
        #expect(global[0].state == single.state)
        #expect(try global[0].rollingForecasts(over: series, origins: 700..<760, steps: 6)
            == single.rollingForecasts(over: series, origins: 700..<760, steps: 6))
    }

    @Test func stackedRowsAreEverySeriesRowsOneUnderTheOther() throws {
        let spec = try GBTFeatureSpec(Self.settings, interval: 300)
        let a = try GBTTrainingRows(data: FitData(series: GBTBehaviourTests.cycle(count: 500, seed: 1), trainCount: 400), spec: spec, steps: [1, 3])
        let b = try GBTTrainingRows(data: FitData(series: GBTBehaviourTests.cycle(count: 700, seed: 2), trainCount: 560), spec: spec, steps: [1, 3])
        let stacked = try GBTStackedRows(series: [a, b]).matrix(3, .train, .difference)
        // origins 11 … 396 of a (target t + 3 < 400) and 11 … 556 of b.
        #expect(stacked.rows == 386 + 546)
        #expect(stacked.labels == a.builder.targets(step: 3, origins: a.train(3), target: .difference)
            + b.builder.targets(step: 3, origins: b.train(3), target: .difference))
        let validation = try GBTStackedRows(series: [a, b]).matrix(3, .validation, .level)
        #expect(validation.rows == (497 - 397) + (697 - 557))
        #expect(validation.labels.first == Float(a.builder.values[400]) && validation.labels.last == Float(b.builder.values[699]))
    }

    @Test func sharesBoostersAndKeepsEachSeriesOwnCalibration() throws {
        let plans = try (0..<3).map { try EvaluationPlan(series: GlobalTrainingTests.raw($0, count: 600)) }
        let outcomes = try Self.spec.evaluateGlobal(on: plans, with: Evaluator())
        #expect(outcomes.count == 3)
        let states = try outcomes.map { outcome -> GBTState in
            guard let state = outcome.artifact.state.value as? GBTState else { throw TestFailure("not a gbt state") }
            return state
        }
        #expect(Set(states.map { $0.steps.map(\.point) }).count == 1, "one booster set for all series")
        let calibrations = states.compactMap(\.calibration)
        #expect(calibrations.count == 3 && Set(calibrations.map(\.upper)).count == 3, "each series keeps its own residual quantiles")
        // The boosters saw every series: they differ from series 0's own fit.
        let own = try GBTForecaster(settings: Self.settings, horizonSteps: [1, 3, 6])
            .fit(FitData(series: plans[0].scaled.prefix(plans[0].split.testStart), trainCount: plans[0].split.trainCount))
        #expect(own.state.steps.map(\.point) != states[0].steps.map(\.point))
        try GlobalTrainingChecks.expectScoredAsTheArtifactsForecast(outcomes, on: plans)
    }

    @Test func noSeriesTestPartReachesTheFit() throws {
        let (a, b) = try GlobalTrainingChecks.expectNoTestPartReachesTheFit(Self.spec, series: (0..<3).map { GlobalTrainingTests.raw($0, count: 600) })
        let stateA = a.artifact.state.value as? GBTState, stateB = b.artifact.state.value as? GBTState
        #expect(stateA != nil && stateA == stateB)
        #expect(a.report.horizons["5"]!.mae != b.report.horizons["5"]!.mae, "the changed test part is scored")
    }

    @Test func seriesOnDifferentGridsAreRefused() throws {
        let forecaster = GBTForecaster(settings: Self.settings, horizonSteps: [1, 3])
        let coarse = RegularSeries(name: "coarse", start: 0, interval: 600, values: GBTBehaviourTests.cycle().values)
        #expect(throws: ModelSpecError.globalTrainingNeedsOneGrid(reason: "series 1 has a 600.0 s grid, the first 300.0 s; resample the series to one interval")) {
            try forecaster.fitGlobal([FitData(series: GBTBehaviourTests.cycle(), trainCount: 600), FitData(series: coarse, trainCount: 600)])
        }
    }
}
