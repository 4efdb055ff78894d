import Foundation
import Forecasting
import Kernels
import Series
import TestSupport
import Testing

@Suite struct ProphetBehaviourTests {
    /// 6 days of 5-minute points: daily cycle, random-walk level, noise.
    static func dailySeries(count: Int = 1728, seed: UInt64 = 3) -> RegularSeries {
        var rng = SplitMix64(seed: seed)
        var level = 0.5
        let values = (0..<count).map { k -> Double in
            level += 0.003 * rng.nextGaussian()
            return level + 0.2 * sin(2 * Double.pi * Double(k) / 288) + 0.02 * rng.nextGaussian()
        }
        return RegularSeries(name: "daily", start: 1_700_000_000, interval: 300, values: values)
    }

    @Test(arguments: [ProphetStyle.RecentPast.none, .autoARIMA])
    func rollingForecastsEqualPerPrefixForecasts(_ recentPast: ProphetStyle.RecentPast) throws {
        let series = Self.dailySeries(count: 900)
        let fitted = try ProphetStyle(recentPast: recentPast).fit(FitData(series: series.prefix(700), trainCount: 580))
        let rolling = try fitted.rollingForecasts(over: series, origins: 720..<890, steps: 6)
        for (i, t) in (720..<890).enumerated() where i % 37 == 0 {
            let direct = try fitted.apply(to: series.prefix(t + 1)).predict(steps: 6)
            #expect(firstMismatch(rolling[i], direct, rel: 1e-10, abs: 1e-12) == nil, "\(recentPast) origin \(t)")
        }
    }

    /// Without the recent past the forecast of g_{t+h} depends on calendar time only.
    @Test func withoutRecentPastTheForecastIgnoresTheHistory() throws {
        let series = Self.dailySeries()
        let fitted = try ProphetStyle(recentPast: .none).fit(series: series.prefix(1400))
        var shifted = series.prefix(1500)
        shifted.values = shifted.values.map { $0 + 5 }
        #expect(try fitted.apply(to: series.prefix(1500)).predict(steps: 3) == fitted.apply(to: shifted).predict(steps: 3))
    }

    /// With it, a level shift at the origin moves the forecast by about the shift.
    @Test func withRecentPastTheForecastFollowsTheLevel() throws {
        let series = Self.dailySeries()
        let fitted = try ProphetStyle(recentPast: .autoARIMA).fit(series: series.prefix(1400))
        let base = try fitted.apply(to: series.prefix(1500)).predict(steps: 1)[0]
        var shifted = series.prefix(1500)
        for k in 1490..<1500 { shifted.values[k] += 1 }
        let moved = try fitted.apply(to: shifted).predict(steps: 1)[0]
        #expect(moved - base > 0.5)
    }

    @Test func artifactRoundTripGivesIdenticalForecasts() throws {
        for recentPast in [ProphetStyle.RecentPast.none, .autoARIMA] {
            let fitted = try ProphetStyle(recentPast: recentPast).fit(series: Self.dailySeries(count: 900))
            let data = try ProphetArtifact(model: fitted).encoded()
            let loaded = try ProphetArtifact.decode(data).model
            #expect(loaded == fitted)
            #expect(try loaded.predict(steps: 12) == fitted.predict(steps: 12))
            #expect(try loaded.predictIntervals(steps: 4) == fitted.predictIntervals(steps: 4))
            let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            #expect(object["format_version"] as? Int == 2)
        }
    }

    @Test func newerArtifactFormatIsRefused() throws {
        let fitted = try ProphetStyle(recentPast: .none).fit(series: Self.dailySeries(count: 300))
        var text = try #require(String(data: try ProphetArtifact(model: fitted).encoded(), encoding: .utf8))
        text = text.replacingOccurrences(of: "\"format_version\" : 2", with: "\"format_version\" : 3")
        #expect(throws: ProphetError.unsupportedArtifactVersion(found: 3, supported: 2)) { _ = try ProphetArtifact.decode(Data(text.utf8)) }
    }

    @Test(arguments: [ProphetStyle.RecentPast.none, .autoARIMA])
    func constantSeriesGivesFiniteFlatForecast(_ recentPast: ProphetStyle.RecentPast) throws {
        let series = RegularSeries(name: "flat", start: 0, interval: 300, values: [Double](repeating: 0.3, count: 600))
        let fitted = try ProphetStyle(recentPast: recentPast).fit(series: series)
        let intervals = try fitted.predictIntervals(steps: 6)
        for v in intervals.mean { #expect(abs(v - 0.3) < 1e-3) }
        #expect(intervals.lower[0].allSatisfy { $0.isFinite })
    }

    @Test func tenPointsGiveFiniteForecasts() throws {
        let series = Self.dailySeries(count: 10)
        for recentPast in [ProphetStyle.RecentPast.none, .autoARIMA] {
            let path = try ProphetStyle(recentPast: recentPast).fit(series: series).predict(steps: 6)
            #expect(path.allSatisfy { $0.isFinite })
        }
    }

    @Test func badInputsAreErrors() {
        var values = Self.dailySeries(count: 50).values
        values[3] = .infinity
        let bad = RegularSeries(name: "bad", start: 0, interval: 300, values: values)
        #expect(throws: ProphetError.nonFiniteValue(index: 3, value: .infinity)) { _ = try ProphetStyle().fit(series: bad) }
        let one = RegularSeries(name: "one", start: 0, interval: 300, values: [1])
        #expect(throws: ProphetError.tooShort(count: 1)) { _ = try ProphetStyle().fit(series: one) }
        #expect(throws: ProphetError.self) { _ = try ProphetStyle(changepointPriorScale: 0).fit(series: Self.dailySeries(count: 50)) }
    }
}
