import Foundation
import Forecasting
import Kernels
import Series
import TestSupport
import Testing

@Suite struct AutoARIMASeasonalTests {
    /// 5 days of 5-minute points with a strong daily cycle and AR(1) noise.
    static func daily(count: Int = 1440) -> RegularSeries {
        var rng = SplitMix64(seed: 5)
        var noise = 0.0
        let values = (0..<count).map { k -> Double in
            noise = 0.7 * noise + 0.05 * rng.nextGaussian()
            return 1 + sin(2 * Double.pi * Double(k) / 288) + noise
        }
        return RegularSeries(name: "daily", start: 1_700_000_100, interval: 300, values: values)
    }

    @Test func longPeriodUsesDecompositionAndFollowsTheCycle() throws {
        let series = Self.daily()
        let fitted = try AutoARIMA(period: 288).fit(series: series.prefix(1200))
        #expect(fitted.seasonalProfile?.period == 288)
        #expect((fitted.seasonalProfile?.strength ?? 0) > 0.64)
        #expect(fitted.specification.seasonal.isNone)
        // 2 hours ahead the forecast follows the sine (the AR noise has decayed).
        let path = try fitted.predict(steps: 24)
        for k in [12, 23] {
            let truth = 1 + sin(2 * Double.pi * Double(1200 + k) / 288)
            #expect(abs(path[k] - truth) < 0.12, "step \(k + 1): \(path[k]) vs \(truth)")
        }
    }

    @Test func decomposedRollingEqualsPerPrefixAndArtifactRoundTrips() throws {
        let series = Self.daily()
        let fitted = try AutoARIMA(period: 288).fit(series: series.prefix(1200))
        let rolling = try fitted.rollingForecasts(over: series, origins: 1250..<1430, steps: 6)
        for (i, t) in (1250..<1430).enumerated() where i % 41 == 0 {
            let direct = try fitted.apply(to: series.prefix(t + 1)).predict(steps: 6)
            #expect(firstMismatch(rolling[i], direct, rel: 1e-12, abs: 1e-12) == nil, "origin \(t)")
        }
        let loaded = try ARIMAArtifact.decode(ARIMAArtifact(model: fitted, kind: "autoarima").encoded()).model
        #expect(loaded == fitted)
        #expect(try loaded.predict(steps: 30) == fitted.predict(steps: 30))
    }

    @Test func weakSeasonalityFallsBackToNonSeasonal() throws {
        var rng = SplitMix64(seed: 9)
        var level = 0.0
        let values = (0..<1000).map { _ -> Double in level += 0.05 * rng.nextGaussian(); return level }
        let fitted = try AutoARIMA(period: 288).fit(series: RegularSeries(name: "rw", start: 0, interval: 300, values: values))
        #expect(fitted.seasonalProfile == nil)
    }

    /// A short period is searched as a seasonal ARIMA: a strong period-12 pattern gets D = 1.
    @Test func shortPeriodSearchesSeasonalARIMA() throws {
        var rng = SplitMix64(seed: 13)
        let pattern = (0..<12).map { sin(2 * Double.pi * Double($0) / 12) * 2 }
        let values = (0..<240).map { pattern[$0 % 12] + 0.2 * rng.nextGaussian() }
        let fitted = try AutoARIMA(period: 12).fit(series: RegularSeries(name: "s12", start: 0, interval: 3600, values: values))
        #expect(fitted.specification.seasonal.d == 1)
        #expect(fitted.specification.seasonal.period == 12)
        let path = try fitted.predict(steps: 12)
        for k in 0..<12 { #expect(abs(path[k] - pattern[(240 + k) % 12]) < 0.5) }
    }
}
