@testable import Forecasting
import Foundation
import Series
import Testing

@Suite struct ModelSpecTests {
    @Test(arguments: ModelSpec.names)
    func everyListedNameRoundTrips(name: String) throws {
        #expect(try ModelSpec(name: name).name == name)
    }

    @Test func unknownNameSuggestsTheClosest() {
        #expect(throws: ModelSpecError.unknownModel("prophett", known: ModelSpec.names)) { try ModelSpec(name: "prophett") }
        #expect(ModelSpecError.unknownModel("arma", known: ModelSpec.names).description.contains("Did you mean \"arima\"?"))
    }

    @Test func dailySeasonMustBeAWholeNumberOfSteps() throws {
        // One day is 288 steps of 5 minutes but not a whole number of 7-minute steps.
        let sevenMinutes = try EvaluationPlan(
            series: TimeSeries(name: "x", timestamps: (0..<200).map { Double($0) * 420 }, values: (0..<200).map { sin(Double($0)) }),
            horizonMinutes: [7])
        #expect(throws: ForecastingError.seasonNotMultipleOfInterval(model: "autoarima-daily", periodSeconds: 86_400, intervalSeconds: 420)) {
            try ModelSpec(name: "autoarima-daily").evaluate(on: sevenMinutes, with: Evaluator())
        }
    }
}

@Suite struct ModelSpecGrowthTests {
    @Test func logisticCapacityIsScaledWithTheSeries() throws {
        let spec = try ModelSpec(name: "prophet").withProphetGrowth("logistic", capacity: 90)
        guard let model = spec.settings as? ProphetSettings else { Issue.record("not prophet"); return }
        #expect(model.growth == .logistic(.constant(90)))
        // Train min 10, max 50 → 90 is (90 − 10) / 40 = 2 in the model's units.
        let plan = try EvaluationPlan(series: TimeSeries(
            name: "x", timestamps: (0..<200).map { Double($0) * 300 }, values: (0..<200).map { 10 + 40 * Double($0 % 50) / 49 }))
        #expect(plan.scaler.offset == 10 && plan.scaler.divisor == 40)
        #expect(try ModelSpec.scaled(model.growth, by: plan) == .logistic(.constant(2)))
        #expect(throws: ModelSpecError.capacityNotAboveTrainingMinimum(capacity: 10, minimum: 10)) {
            try ModelSpec.scaled(.logistic(.constant(10)), by: plan)
        }
    }

    @Test func inconsistentGrowthSettingsAreErrors() throws {
        let prophet = try ModelSpec(name: "prophet-ar")
        #expect(throws: ModelSpecError.capacityNeedsLogisticGrowth(5)) { try prophet.withProphetGrowth(nil, capacity: 5) }
        #expect(throws: ModelSpecError.logisticGrowthNeedsCapacity) { try prophet.withProphetGrowth("logistic", capacity: nil) }
        #expect(throws: ModelSpecError.unknownGrowth("flat")) { try prophet.withProphetGrowth("flat", capacity: nil) }
        #expect(throws: ModelSpecError.growthNeedsProphet(model: "arima")) { try ModelSpec(name: "arima").withProphetGrowth("linear", capacity: nil) }
        // No flags: unchanged (still linear), on any model.
        guard let model = (try prophet.withProphetGrowth(nil, capacity: nil)).settings as? ProphetSettings else { Issue.record("not prophet"); return }
        #expect(model.growth == .linear)
        #expect(try ModelSpec(name: "naive").withProphetGrowth(nil, capacity: nil).name == "naive")
    }
}
