import Foundation
@testable import Forecasting
import Kernels
import Series
import Testing

/// What the fitted N-HiTS model promises: forecasts use s_0 … s_t only, quantiles are
/// sorted and intervals nested, a seed gives the same weights, the artifact round-trips
/// bit for bit, and a trained network beats the naive forecast on a noisy cycle.
@Suite struct NHITSBehaviourTests {
    /// A daily cycle on a 30-minute grid (48 steps a day, ~12.5 days) with noise, min-max-ish scaled.
    static let series: RegularSeries = {
        var rng = SplitMix64(seed: 21)
        let values = (0..<600).map { k in 0.5 + 0.3 * sin(2 * Double.pi * Double(k) / 48) + 0.03 * rng.nextGaussian() }
        return RegularSeries(name: "cpu", start: 1_704_067_200, interval: 1800, values: values)
    }()

    /// One network unless `members` says otherwise (debug builds are slow).
    static func settings(maxSteps: Int = 150, seed: UInt64 = 3, members: Int = 1) -> NHITSSettings {
        NHITSSettings(inputSteps: 48, horizonMinutes: [30, 90, 180], hiddenSize: 64,
                      training: NHITSTrainingOptions(batchSize: 64, maxSteps: maxSteps, validationInterval: 25, patience: 100, seed: seed,
                                                     members: members))
    }

    static let fitted: FittedNHITS = {
        // A failure here fails every test using it with the error's description.
        try! NHITSForecaster(settings: settings()).fit(FitData(series: series, trainCount: 420))
    }()

    @Test func changingValuesAfterTheOriginNeverChangesItsForecast() throws {
        let model = Self.fitted
        let origins = 400..<480
        let before = try model.rollingForecasts(over: Self.series, origins: origins, steps: 6)
        let beforeIntervals = try model.rollingIntervals(over: Self.series, origins: origins, steps: 6, levels: [0.8, 0.95])
        var values = Self.series.values
        for k in 480..<values.count { values[k] = 5 - values[k] }
        let changed = Self.series.with(values: values)
        let after = try model.rollingForecasts(over: changed, origins: origins, steps: 6)
        #expect(before == after)
        #expect(try model.rollingIntervals(over: changed, origins: origins, steps: 6, levels: [0.8, 0.95]) == beforeIntervals)
        // The origin's own value does change it.
        values[479] += 1
        let moved = try model.rollingForecasts(over: Self.series.with(values: values), origins: 479..<480, steps: 6)
        #expect(moved[0] != before.last)
        // One origin alone (predict after apply) is the batched path's, up to the rounding of
        // OpenBLAS's sgemm, whose summation order depends on the batch size.
        let alone = try model.apply(to: Self.series.prefix(451)).predict(steps: 6)
        #expect(zip(alone, before[50]).allSatisfy { abs($0 - $1) < 1e-6 }, "\(alone) vs \(before[50])")
    }

    @Test func quantilesAreSortedAndIntervalsNested() throws {
        let intervals = try Self.fitted.rollingIntervals(over: Self.series, origins: 420..<594, steps: 6, levels: [0.8, 0.95])
        #expect(intervals.count == 174)
        var inside80 = 0, total = 0
        for (i, path) in intervals.enumerated() {
            for s in 0..<6 {
                #expect(path.lower[1][s] <= path.lower[0][s] && path.lower[0][s] <= path.upper[0][s] && path.upper[0][s] <= path.upper[1][s])
                let y = Self.series.values[420 + i + 1 + s]
                if y >= path.lower[0][s] && y <= path.upper[0][s] { inside80 += 1 }
                total += 1
            }
        }
        // Quantile heads trained 150 steps: the 80 % interval holds a real share of targets.
        let coverage = Double(inside80) / Double(total)
        print("nhits 80 % interval coverage on the held-out part: \(coverage)")
        #expect(coverage > 0.4 && coverage < 1, "coverage \(coverage)")
        #expect(throws: IntervalError.levelNotTrained(model: "nhits", level: 0.5, trained: [0.8, 0.95])) {
            try Self.fitted.rollingIntervals(over: Self.series, origins: 500..<501, steps: 6, levels: [0.5])
        }
        #expect(throws: NHITSError.stepsBeyondHorizon(asked: 7, trained: 6)) {
            try Self.fitted.rollingForecasts(over: Self.series, origins: 500..<501, steps: 7)
        }
    }

    @Test func theSameSeedGivesTheSameWeights() throws {
        let data = FitData(series: Self.series, trainCount: 420)
        let a = try NHITSForecaster(settings: Self.settings(maxSteps: 30)).fit(data)
        let b = try NHITSForecaster(settings: Self.settings(maxSteps: 30)).fit(data)
        let c = try NHITSForecaster(settings: Self.settings(maxSteps: 30, seed: 4)).fit(data)
        #expect(a.state == b.state)
        #expect(a.state.parameters != c.state.parameters)
    }

    @Test func trainedNetworkBeatsNaiveOnACycle() throws {
        let origins = 420..<594
        let paths = try Self.fitted.rollingForecasts(over: Self.series, origins: origins, steps: 6)
        var model = 0.0, naive = 0.0
        for (i, path) in paths.enumerated() {
            let t = origins.lowerBound + i
            for s in 0..<6 {
                model += abs(path[s] - Self.series.values[t + 1 + s])
                naive += abs(Self.series.values[t] - Self.series.values[t + 1 + s])
            }
        }
        print("nhits MAE / naive MAE on the held-out cycle: \(model / naive)")
        #expect(model < 0.6 * naive, "nhits \(model), naive \(naive)")
        let record = try #require(Self.fitted.state.training)
        #expect(record.stepsRun == 150 && record.bestStep % 25 == 0 && record.bestValidationLoss.isFinite)
    }

    @Test func artifactRoundTripIsBitForBit() throws {
        let spec = ModelSpec(Self.settings(maxSteps: 40))
        let artifact = try spec.fitArtifact(series: Self.series, trainCount: 500, steps: 6)
        #expect(artifact.kind == .nhits && artifact.state.family == "nhits")
        let data = try artifact.encoded()
        let loaded = try ArtifactLoader.load(data)
        #expect(loaded == artifact)
        #expect(try loaded.encoded() == data)
        let scaled = try artifact.modelSeries(grid: Self.series)
        let before = try artifact.state.forecastPath(history: scaled, steps: 6, levels: [0.8, 0.95])
        let after = try loaded.state.forecastPath(history: scaled, steps: 6, levels: [0.8, 0.95])
        #expect(before.mean.map(\.bitPattern) == after.mean.map(\.bitPattern))
        let intervals = try #require(after.intervals)
        #expect(intervals.lower == before.intervals?.lower && intervals.upper == before.intervals?.upper)
        #expect(zip(intervals.lower[1], intervals.upper[1]).allSatisfy { $0 <= $1 })
        // A newer state version and a θ of the wrong length are refused, saying why.
        var object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        var state = try #require(object["state"] as? [String: Any])
        state["format_version"] = 9
        object["state"] = state
        let newer = try JSONSerialization.data(withJSONObject: object)
        let error = try #require(throws: (any Error).self) { _ = try ArtifactLoader.load(newer) }
        #expect("\(error)".contains("format version 9"), "\(error)")
        state["format_version"] = 1
        state["parameters"] = "AAAAAA=="
        object["state"] = state
        let short = try JSONSerialization.data(withJSONObject: object)
        let shortError = try #require(throws: (any Error).self) { _ = try ArtifactLoader.load(short) }
        #expect("\(shortError)".contains("parameters"), "\(shortError)")
    }

    @Test func robustWindowScalingMatchesNeuralforecastsStatistics() {
        let window: [Float] = [3, 1, 4, 1, 5, 9, 2, 6]
        let stats = NHITSWindows.robustStatistics(window)
        // Lower median of the sorted [1, 1, 2, 3, 4, 5, 6, 9] is 3; |x − 3| sorted [0, 1, 1, 2, 2, 2, 3, 6] → 2.
        #expect(stats.centre == 3 && abs(stats.scale - (2 + 1e-6)) < 1e-6)
        let flat = NHITSWindows.robustStatistics([2, 2, 2, 2])
        #expect(flat.centre == 2 && abs(flat.scale - (1 + 1e-6)) < 1e-6)
    }
}
