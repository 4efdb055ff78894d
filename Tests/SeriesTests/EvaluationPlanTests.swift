import Series
import TestSupport
import Testing

@Suite struct EvaluationPlanTests {
    /// 100 points at 5 minutes: values 0, 1, 2, … (a ramp).
    func ramp(count: Int = 100, interval: Double = 300) -> TimeSeries {
        TimeSeries(
            name: "ramp",
            timestamps: (0..<count).map { Double($0) * interval },
            values: (0..<count).map(Double.init)
        )
    }

    @Test func horizonsBecomeStepsOfTheInterval() throws {
        let plan = try EvaluationPlan(series: ramp())
        #expect(plan.horizons.map(\.steps) == [1, 3, 6])
        let fine = try EvaluationPlan(series: ramp(count: 2000, interval: 15))
        #expect(fine.horizons.map(\.steps) == [20, 60, 120])
    }

    @Test func horizonThatIsNotAMultipleIsAnError() {
        #expect(throws: EvaluationError.horizonNotMultipleOfInterval(minutes: 5, intervalSeconds: 420)) {
            try EvaluationPlan(series: ramp(interval: 420))
        }
    }

    @Test func scalingUsesTrainOnlyAndOriginsStopBeforeTheEnd() throws {
        // N = 100: train 70 (values 0…69) → s = v / 69; test starts at 85.
        let plan = try EvaluationPlan(series: ramp())
        #expect(plan.scaler.offset == 0 && plan.scaler.divisor == 69)
        #expect(plan.scaled.values[99] == 99.0 / 69)
        #expect(plan.origins(steps: 6) == 85..<94)  // n_test − h = 15 − 6 = 9 origins
        #expect(isClose(plan.naiveScale, 1.0 / 69))
    }

    @Test func scoresTheLastValueOnARamp() throws {
        // Naive on a ramp misses by h/69 at every origin: MAE = h/69, MASE = h.
        let plan = try EvaluationPlan(series: ramp())
        let horizon = plan.horizons[1]
        let forecasts = plan.origins(steps: horizon.steps).map { plan.scaled.values[$0] }
        let score = plan.score(horizon, forecasts: forecasts)
        #expect(isClose(score.mae, 3.0 / 69))
        #expect(isClose(score.rmse, 3.0 / 69))
        #expect(isClose(score.mase, 3))
        #expect(score.origins == 12)
    }
}
