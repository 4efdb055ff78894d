import Forecasting
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
