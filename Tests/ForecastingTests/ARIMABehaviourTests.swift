import Forecasting
import Kernels
import Series
import TestSupport
import Testing

@Suite struct ARIMABehaviourTests {
    static func randomWalkWithNoise(count: Int, seed: UInt64) -> RegularSeries {
        var rng = SplitMix64(seed: seed)
        var level = 0.5, values: [Double] = []
        for _ in 0..<count {
            level += 0.02 * rng.nextGaussian()
            values.append(level + 0.01 * rng.nextGaussian())
        }
        return RegularSeries(name: "rw", start: 1_400_000_000, interval: 300, values: values)
    }

    /// One forward pass must give exactly what re-conditioning on every prefix gives.
    @Test func rollingForecastsEqualPerPrefixForecasts() throws {
        let series = Self.randomWalkWithNoise(count: 300, seed: 1)
        for model in [ARIMA(), ARIMA(order: ARIMAOrder(p: 2, d: 0, q: 1), includeConstant: true),
                      ARIMA(order: ARIMAOrder(p: 1, d: 0, q: 0), seasonal: SeasonalOrder(p: 0, d: 1, q: 1, period: 12))] {
            let fitted = try model.fit(series: series.prefix(200))
            let rolling = try fitted.rollingForecasts(over: series, origins: 210..<290, steps: 6)
            #expect(rolling.count == 80)
            for (i, t) in (210..<290).enumerated() where i % 7 == 0 {
                let direct = try fitted.apply(to: series.prefix(t + 1)).predict(steps: 6)
                #expect(firstMismatch(rolling[i], direct, rel: 1e-12, abs: 1e-14) == nil, "\(model.specification) origin \(t)")
            }
        }
    }

    /// A rolling forecast at origin t must not read s_{t+1}: changing later values leaves it unchanged.
    @Test func rollingForecastsDoNotLookAhead() throws {
        let series = Self.randomWalkWithNoise(count: 200, seed: 2)
        let fitted = try ARIMA().fit(series: series.prefix(150))
        var altered = series
        for k in 181..<200 { altered.values[k] = 99 }
        let a = try fitted.rollingForecasts(over: series, origins: 160..<181, steps: 3)
        let b = try fitted.rollingForecasts(over: altered, origins: 160..<181, steps: 3)
        #expect(a == b)
    }

    @Test func constantSeriesFallsBackToFlatForecast() throws {
        let series = RegularSeries(name: "flat", start: 0, interval: 60, values: [Double](repeating: 0.42, count: 50))
        for model in [ARIMA(), ARIMA(order: ARIMAOrder(p: 1, d: 0, q: 1), includeConstant: true)] {
            let fitted = try model.fit(series: series)
            #expect(fitted.summary.note != nil)
            let intervals = try fitted.predictIntervals(steps: 5)
            for v in intervals.mean { #expect(abs(v - 0.42) < 1e-12) }
            #expect(intervals.lower[0] == intervals.mean)
        }
    }

    @Test func linearTrendWithDriftIsExtrapolated() throws {
        let series = RegularSeries(name: "ramp", start: 0, interval: 60, values: (0..<40).map { 1 + 0.5 * Double($0) })
        let fitted = try ARIMA(order: ARIMAOrder(p: 0, d: 1, q: 0), includeConstant: true).fit(series: series)
        let path = try fitted.predict(steps: 3)
        #expect(firstMismatch(path, [21, 21.5, 22], rel: 1e-12) == nil)
    }

    @Test func tenPointsGiveFiniteForecasts() throws {
        let series = Self.randomWalkWithNoise(count: 10, seed: 3)
        let fitted = try ARIMA().fit(series: series)
        let intervals = try fitted.predictIntervals(steps: 6)
        #expect(intervals.mean.allSatisfy { $0.isFinite })
        #expect(intervals.upper[1].allSatisfy { $0.isFinite })
    }

    @Test func tooShortSeriesIsAnError() {
        let series = RegularSeries(name: "tiny", start: 0, interval: 60, values: [1, 2, 3])
        #expect(throws: ARIMAError.tooShort(count: 3, needed: 6, model: "ARIMA(1,1,1)")) { _ = try ARIMA().fit(series: series) }
    }

    @Test func nanIsAnErrorNamingTheIndex() {
        var values = Self.randomWalkWithNoise(count: 50, seed: 4).values
        values[17] = .nan
        let series = RegularSeries(name: "gap", start: 0, interval: 60, values: values)
        let error = #expect(throws: ARIMAError.self) { _ = try ARIMA().fit(series: series) }
        guard case .nonFiniteValue(let index, _)? = error else { Issue.record("wrong error \(String(describing: error))"); return }
        #expect(index == 17)
        #expect(error?.description.contains("forward-fill") == true)
    }

    @Test func invalidSpecificationsAreErrors() {
        let series = Self.randomWalkWithNoise(count: 50, seed: 5)
        #expect(throws: ARIMAError.self) { _ = try ARIMA(order: ARIMAOrder(p: -1, d: 0, q: 0)).fit(series: series) }
        #expect(throws: ARIMAError.self) { _ = try ARIMA(order: ARIMAOrder(p: 0, d: 2, q: 0), includeConstant: true).fit(series: series) }
        #expect(throws: ARIMAError.self) { _ = try ARIMA(intervalLevels: [1.2]).fit(series: series) }
        #expect(throws: ARIMAError.self) { _ = try ARIMA().fit(series: series).predict(steps: 0) }
    }

    /// Interval bounds are symmetric and z-scaled: z₀.₉ = 1.2815515655446004, z₀.₉₇₅ = 1.959963984540054.
    @Test func intervalsUseNormalQuantiles() throws {
        let fitted = try ARIMA().fit(series: Self.randomWalkWithNoise(count: 120, seed: 6))
        let iv = try fitted.predictIntervals(steps: 4, method: .gaussian)
        for h in 0..<4 {
            #expect(isClose(iv.upper[0][h] - iv.mean[h], 1.2815515655446004 * iv.standardDeviation[h], rel: 1e-12))
            #expect(isClose(iv.mean[h] - iv.lower[1][h], 1.959963984540054 * iv.standardDeviation[h], rel: 1e-12))
        }
        #expect(isClose(iv.standardDeviation[0], fitted.sigma2.squareRoot(), rel: 1e-12))
        #expect(iv.standardDeviation == iv.standardDeviation.sorted())
    }
}

@Suite struct ARIMAEmpiricalIntervalTests {
    /// Heavy-tailed noise (a Student-like mixture): the empirical 80 % half-width is the
    /// 80 % quantile of in-sample |h-step errors|, so in sample it covers ≈ 80 %.
    @Test func empiricalIntervalsCoverTheirLevelInSample() throws {
        var rng = SplitMix64(seed: 21)
        var level = 0.0
        let values = (0..<800).map { _ -> Double in
            level += 0.01 * rng.nextGaussian()
            let burst = rng.nextUnit() < 0.05 ? 0.5 * rng.nextGaussian() : 0
            return level + 0.02 * rng.nextGaussian() + burst
        }
        let series = RegularSeries(name: "bursty", start: 0, interval: 300, values: values)
        let fitted = try ARIMA().fit(series: series)
        let empirical = try fitted.predictIntervals(steps: 3, levels: [0.8])
        let gaussian = try fitted.predictIntervals(steps: 3, levels: [0.8], method: .gaussian)
        // Bursts inflate σ: the Gaussian band is wider than the empirical one.
        #expect(empirical.upper[0][0] - empirical.mean[0] < gaussian.upper[0][0] - gaussian.mean[0])
        let origins = 100..<(values.count - 1)
        let paths = try fitted.rollingForecasts(over: series, origins: origins, steps: 1)
        let half = empirical.upper[0][0] - empirical.mean[0]
        let inside = zip(origins, paths).filter { abs(values[$0.0 + 1] - $0.1[0]) <= half }.count
        #expect(abs(Double(inside) / Double(origins.count) - 0.8) < 0.02)
        // A level not tabulated at fit time falls back to the Gaussian band.
        let other = try fitted.predictIntervals(steps: 1, levels: [0.5])
        let otherGaussian = try fitted.predictIntervals(steps: 1, levels: [0.5], method: .gaussian)
        #expect(other.upper == otherGaussian.upper)
    }
}
