@testable import Forecasting
import Foundation
import Kernels
import Series
import Testing

/// The gbt model's contracts: causality, nested quantile intervals, the level/difference
/// choice on validation, the steps between boosters, settings keys and errors.
@Suite struct GBTBehaviourTests {
    /// Small boosters so every fit takes well under a second.
    static func settings(target: GBTTarget = .auto, refit: Bool = true, maxDirectSteps: Int = 12) -> GBTSettings {
        GBTSettings(lags: [1, 2, 3, 6, 12], seasonSeconds: [86_400], rollingWindows: [6, 24], differences: [1, 6],
                    target: target, maxRounds: 60, learningRate: 0.2, maxDepth: 4, earlyStoppingRounds: 8, refit: refit,
                    maxDirectSteps: maxDirectSteps)
    }

    /// Three days of 5-minute points: a daily cycle, an AR(1) wander and noise, seeded.
    static func cycle(count: Int = 864, seed: UInt64 = 3) -> RegularSeries {
        var rng = SplitMix64(seed: seed)
        var wander = 0.0
        let values = (0..<count).map { k -> Double in
            wander = 0.9 * wander + 0.03 * rng.nextGaussian()
            return 0.5 + 0.25 * sin(2 * Double.pi * Double(k) / 288) + wander + 0.02 * rng.nextGaussian()
        }
        return RegularSeries(name: "cycle", start: 1_704_067_200, interval: 300, values: values)
    }

    /// A random walk with drift: the level at the end leaves the range seen in training.
    static func randomWalk(count: Int = 864, seed: UInt64 = 9) -> RegularSeries {
        var rng = SplitMix64(seed: seed)
        var level = 0.0
        let values = (0..<count).map { _ -> Double in
            level += 0.002 + 0.01 * rng.nextGaussian()
            return level
        }
        return RegularSeries(name: "walk", start: 1_704_067_200, interval: 300, values: values)
    }

    static func fit(_ series: RegularSeries, _ settings: GBTSettings, horizons: [Int] = [1, 3, 6]) throws -> FittedGBT {
        try GBTForecaster(settings: settings, horizonSteps: horizons).fit(FitData(series: series, trainCount: series.count * 70 / 85))
    }

    @Test func valuesAfterAnOriginNeverChangeItsForecast() throws {
        let series = Self.cycle()
        let fitted = try Self.fit(series, Self.settings())
        let origins = 700..<760
        let before = try fitted.rollingForecasts(over: series, origins: origins, steps: 6)
        let beforeIntervals = try fitted.rollingIntervals(over: series, origins: origins, steps: 6, levels: [0.8, 0.95])
        for cut in [700, 731, 759] {
            var changed = series
            for i in (cut + 1)..<series.count { changed.values[i] = 3 + Double(i % 7) }
            let after = try fitted.rollingForecasts(over: changed, origins: origins.lowerBound..<(cut + 1), steps: 6)
            let afterIntervals = try fitted.rollingIntervals(over: changed, origins: origins.lowerBound..<(cut + 1), steps: 6, levels: [0.8, 0.95])
            #expect(after == Array(before.prefix(after.count)), "origin ≤ \(cut)")
            #expect(afterIntervals == Array(beforeIntervals.prefix(after.count)), "origin ≤ \(cut)")
            // And the change does reach the forecasts from later origins.
            let later = try fitted.rollingForecasts(over: changed, origins: (cut + 1)..<(cut + 2), steps: 1)
            if cut + 1 < origins.upperBound { #expect(later[0] != before[cut + 1 - origins.lowerBound].prefix(1).map { $0 }) }
        }
    }

    @Test func quantileIntervalsAreNestedAndNeverCross() throws {
        let series = Self.cycle()
        let fitted = try Self.fit(series, Self.settings())
        let intervals = try fitted.rollingIntervals(over: series, origins: 700..<850, steps: 6, levels: [0.8, 0.95])
        var inside80 = 0, total = 0
        for (r, interval) in intervals.enumerated() {
            for k in 0..<6 {
                #expect(interval.lower[1][k] <= interval.lower[0][k])
                #expect(interval.lower[0][k] <= interval.upper[0][k])
                #expect(interval.upper[0][k] <= interval.upper[1][k])
                #expect(interval.upper[1][k] - interval.lower[1][k] > 0.01, "a 95 % interval of width 0 at origin \(700 + r)")
                let t = 700 + r + k + 1
                if t < series.count {
                    total += 1
                    if series.values[t] >= interval.lower[0][k] && series.values[t] <= interval.upper[0][k] { inside80 += 1 }
                }
            }
        }
        // The trained quantiles cover roughly their share of the held-back targets.
        let coverage = Double(inside80) / Double(total)
        #expect(coverage > 0.5 && coverage < 0.99, "80 % interval covered \(coverage)")
        #expect(throws: IntervalError.levelNotTrained(model: "gbt", level: 0.9, trained: [0.8, 0.95])) {
            try fitted.rollingIntervals(over: series, origins: 700..<701, steps: 6, levels: [0.9])
        }
        #expect(throws: IntervalError.levelOutOfRange(1.5)) {
            try fitted.rollingIntervals(over: series, origins: 700..<701, steps: 6, levels: [1.5])
        }
        #expect(throws: GBTError.stepsBeyondTrained(steps: 7, trained: 6)) { try fitted.predict(steps: 7) }
    }

    @Test func autoKeepsPerStepTheTargetWithTheLowerValidationMAE() throws {
        let series = Self.cycle(seed: 11)
        let auto = try Self.fit(series, Self.settings(target: .auto, refit: false))
        let level = try Self.fit(series, Self.settings(target: .level, refit: false))
        let difference = try Self.fit(series, Self.settings(target: .difference, refit: false))
        for s in auto.state.steps.indices {
            let (l, d) = (level.state.steps[s].validationMAE, difference.state.steps[s].validationMAE)
            #expect(auto.state.steps[s].target == (l <= d ? .level : .difference), "step \(s + 1): level \(l), difference \(d)")
            #expect(auto.state.steps[s].validationMAE == min(l, d))
        }
    }

    /// Trees cannot forecast a level beyond those they were trained on, so on a walk whose
    /// validation part leaves the training range the change target wins at every step.
    @Test func aDriftingWalkChoosesDifferences() throws {
        let walk = try Self.fit(Self.randomWalk(), Self.settings())
        #expect(walk.state.steps.map(\.target) == [GBTTarget](repeating: .difference, count: 6), "\(walk.parameters)")
    }

    @Test func stepsBetweenBoostersAreInterpolatedLinearly() throws {
        let series = Self.cycle()
        let fitted = try Self.fit(series, Self.settings(maxDirectSteps: 2), horizons: [1, 6])
        #expect(fitted.state.steps.map(\.step) == [1, 2, 6])
        let path = try fitted.predict(steps: 6)
        for k in 3...5 {
            let expected = path[1] + Double(k - 2) / 4 * (path[5] - path[1])
            #expect(abs(path[k - 1] - expected) < 1e-12, "step \(k): \(path)")
        }
    }

    @Test func settingsUseSnakeCaseKeysAndDefaultsForMissingOnes() throws {
        let json = #"{"learning_rate": 0.1, "max_depth": 4, "target": "difference", "interval_levels": [0.9]}"#
        let settings = try JSONDecoder().decode(GBTSettings.self, from: Data(json.utf8))
        var expected = GBTSettings()
        expected.learningRate = 0.1
        expected.maxDepth = 4
        expected.target = .difference
        expected.intervalLevels = [0.9]
        #expect(settings == expected)
        #expect(expected.quantiles.isEmpty, "conformal intervals train no quantile boosters")
        var quantile = expected
        quantile.intervalMethod = .quantile
        #expect(zip(quantile.quantiles, [0.05, 0.95]).allSatisfy { abs($0 - $1) < 1e-12 } && quantile.quantiles.count == 2)
        let encoded = String(decoding: try JSONEncoder().encode(expected), as: UTF8.self)
        let keys = try #require(try JSONSerialization.jsonObject(with: Data(encoded.utf8)) as? [String: Any])
        #expect(keys["early_stopping_rounds"] as? Int == 20 && keys["max_direct_steps"] as? Int == 1, "\(encoded)")
        #expect(keys["interval_method"] as? String == "conformal", "\(encoded)")
        var bad = GBTSettings()
        bad.subsample = 0
        #expect(throws: GBTError.invalidSetting(key: "subsample", value: "0.0", rule: "in (0, 1]")) { try bad.validate() }
    }

    /// 50 points with 15 after `trainCount`: too few for validation, so the last 15 % serve
    /// (⌊0.85 · 50⌋ = 42 on); step 1 then has origins 41 … 48 to validate on.
    @Test func tooShortASeriesSaysWhichPartAndStep() throws {
        #expect(throws: GBTError.tooFewSamples(part: "validation", step: 1, needed: 20, got: 8)) {
            try GBTForecaster(settings: Self.settings(), horizonSteps: [1, 3, 6]).fit(FitData(series: Self.cycle(count: 50), trainCount: 35))
        }
    }
}
