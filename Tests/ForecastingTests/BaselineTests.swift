import Forecasting
import Series
import Testing

@Suite struct BaselineTests {
    /// Hourly grid with values 0 … n−1.
    func hourly(_ n: Int) -> RegularSeries {
        RegularSeries(name: "h", start: 0, interval: 3600, values: (0..<n).map(Double.init))
    }

    @Test func naiveRepeatsTheLastValue() throws {
        let fitted = try Naive().fit(FitData(series: hourly(5), trainCount: 4))
        #expect(try fitted.predict(steps: 3) == [4, 4, 4])
        #expect(try fitted.apply(to: hourly(8)).predict(steps: 2) == [7, 7])
    }

    @Test func naiveRollingForecastsUseOnlyTheOrigin() throws {
        let fitted = try Naive().fit(FitData(series: hourly(5), trainCount: 4))
        #expect(try fitted.rollingForecasts(over: hourly(10), origins: 6..<8, steps: 2) == [[6, 6], [7, 7]])
    }

    @Test func seasonalNaiveRepeatsTheLastSeason() throws {
        // Period 1 day = 24 steps; history 0…29 → last season 6…29.
        let fitted = try SeasonalNaive().fit(FitData(series: hourly(30), trainCount: 20))
        #expect(fitted.period == 24)
        let path = try fitted.predict(steps: 26)
        #expect(path[0] == 6)  // ŝ_30 = s_6
        #expect(path[23] == 29)  // ŝ_53 = s_29
        #expect(path[24] == 6)  // ŝ_54 = s_{54−48} = s_6
    }

    @Test func seasonalNaiveRollingMatchesApplyOnEachPrefix() throws {
        let fitted = try SeasonalNaive().fit(FitData(series: hourly(30), trainCount: 20))
        let series = hourly(60)
        let rolling = try fitted.rollingForecasts(over: series, origins: 30..<40, steps: 30)
        for (i, t) in (30..<40).enumerated() {
            #expect(rolling[i] == (try fitted.apply(to: series.prefix(t + 1)).predict(steps: 30)))
        }
    }

    @Test func seasonalNaiveNeedsAFullSeason() {
        #expect(throws: ForecastingError.historyTooShort(model: "snaive", needed: 24, got: 10)) {
            try SeasonalNaive().fit(FitData(series: hourly(10), trainCount: 8))
        }
        #expect(throws: ForecastingError.seasonNotMultipleOfInterval(model: "snaive", periodSeconds: 5000, intervalSeconds: 3600)) {
            try SeasonalNaive(periodSeconds: 5000).fit(FitData(series: hourly(10), trainCount: 8))
        }
    }
}
