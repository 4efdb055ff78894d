import Foundation
@testable import Forecasting
import Kernels
import Series
import Testing

/// Every catalog model gives intervals: nested and sorted, causal, in `forecastPath`, kept
/// through an artifact round trip; states stored before calibration still load and say
/// why they give no intervals.
@Suite struct PredictionIntervalTests {
    static let series = ArtifactRoundTripTests.series
    static let levels = [0.5, 0.8, 0.95]

    /// The levels asked of `kind`: models trained on quantiles (pinball loss) answer the
    /// levels they were trained for, 0.8 and 0.95 by default; the others any level.
    static func levels(for kind: ModelKind) -> [Double] {
        [.gbt, .nhits].contains(kind) ? [0.8, 0.95] : levels
    }

    static func artifact(_ kind: ModelKind) throws -> FittedModelArtifact {
        try ArtifactRoundTripTests.spec(kind).fitArtifact(series: series, trainCount: 340, steps: 6)
    }

    static func intervalModel(_ artifact: FittedModelArtifact, on history: RegularSeries) throws -> any IntervalForecaster {
        try #require(try artifact.state.model(conditionedOn: history) as? any IntervalForecaster)
    }

    /// Over 40 origins: lower ≤ forecast-independent upper, and each level's interval inside
    /// the wider levels' (quantiles never cross), for every kind of the catalog.
    @Test(arguments: ModelKind.allCases)
    func intervalsAreNestedAndSorted(kind: ModelKind) throws {
        let artifact = try Self.artifact(kind)
        let levels = Self.levels(for: kind)
        let scaled = try artifact.modelSeries(grid: Self.series)
        let model = try Self.intervalModel(artifact, on: scaled)
        let intervals = try model.rollingIntervals(over: scaled, origins: 350..<390, steps: 6, levels: levels)
        let paths = try model.rollingForecasts(over: scaled, origins: 350..<390, steps: 6)
        #expect(intervals.count == 40)
        for (interval, path) in zip(intervals, paths) {
            #expect(interval.levels == levels && interval.lower.allSatisfy { $0.count == 6 } && interval.upper.allSatisfy { $0.count == 6 })
            for k in 0..<6 {
                for i in levels.indices {
                    #expect(interval.lower[i][k] <= interval.upper[i][k], "\(kind) step \(k + 1) level \(levels[i])")
                    if i > 0 {
                        #expect(interval.lower[i][k] <= interval.lower[i - 1][k] && interval.upper[i - 1][k] <= interval.upper[i][k],
                                "\(kind) step \(k + 1): \(levels[i]) does not contain \(levels[i - 1])")
                    }
                }
                // Variance models centre on the forecast; residual quantiles, and quantile outputs
                // trained apart from the point forecast (gbt, nhits), need not contain it.
                if ![ModelKind.naive, .snaive, .lstm, .gbt, .nhits].contains(kind) {
                    let widest = levels.count - 1
                    #expect(interval.lower[widest][k] <= path[k] + 1e-9 && path[k] <= interval.upper[widest][k] + 1e-9, "\(kind): forecast outside its 95 % interval")
                }
            }
        }
    }

    /// Changing s_{t+1} … never changes the intervals of origins ≤ t; changing values up to
    /// the origin does (except for prophet, whose bounds depend on the grid position only).
    @Test(arguments: ModelKind.allCases)
    func rollingIntervalsAreCausal(kind: ModelKind) throws {
        let artifact = try Self.artifact(kind)
        let scaled = try artifact.modelSeries(grid: Self.series)
        let model = try Self.intervalModel(artifact, on: scaled)
        var changed = scaled.values
        for i in 370..<changed.count { changed[i] += 0.5 }
        let before = try model.rollingIntervals(over: scaled, origins: 350..<370, steps: 6, levels: [0.8, 0.95])
        let after = try model.rollingIntervals(over: scaled.with(values: changed), origins: 350..<370, steps: 6, levels: [0.8, 0.95])
        #expect(before == after, "\(kind) read values after its origins")
        var earlierChanged = scaled.values
        for i in 300..<earlierChanged.count { earlierChanged[i] += 0.5 }
        let moved = try model.rollingIntervals(over: scaled.with(values: earlierChanged), origins: 370..<380, steps: 6, levels: [0.8])
        let unmoved = try model.rollingIntervals(over: scaled, origins: 370..<380, steps: 6, levels: [0.8])
        if kind == .prophet {
            #expect(moved == unmoved, "prophet's bounds depend on the grid position only")
        } else {
            #expect(moved != unmoved, "\(kind): values up to the origin do move the intervals")
        }
    }

    /// `forecastPath` has bounds for every kind, around the mean, at the levels asked for.
    @Test(arguments: ModelKind.allCases)
    func forecastPathHasIntervalsForEveryModel(kind: ModelKind) throws {
        let artifact = try Self.artifact(kind)
        let scaled = try artifact.modelSeries(grid: Self.series)
        let path = try artifact.state.forecastPath(history: scaled, steps: 6, levels: [0.8, 0.95])
        let intervals = try #require(path.intervals, "\(kind) gave no intervals")
        #expect(intervals.levels == [0.8, 0.95])
        for k in 0..<6 {
            #expect(intervals.lower[1][k] <= intervals.lower[0][k] && intervals.lower[0][k] < intervals.upper[0][k]
                    && intervals.upper[0][k] <= intervals.upper[1][k], "\(kind) step \(k + 1)")
        }
    }

    /// The calibration is part of the artifact: saved, loaded, equal, and the loaded model
    /// gives the same intervals bit for bit.
    @Test(arguments: [ModelKind.naive, .snaive, .lstm])
    func calibrationSurvivesTheArtifactRoundTrip(kind: ModelKind) throws {
        var spec = ArtifactRoundTripTests.spec(kind)
        if kind == .snaive { spec = ModelSpec(SeasonalNaiveSettings(periodSeconds: 86_400)) }
        let artifact = try spec.fitArtifact(series: Self.series, trainCount: 340, steps: 6)
        let data = try artifact.encoded()
        #expect(String(decoding: data, as: UTF8.self).contains("\"calibration\""))
        let loaded = try ArtifactLoader.load(data)
        #expect(loaded == artifact)
        let scaled = try artifact.modelSeries(grid: Self.series)
        let a = try Self.intervalModel(artifact, on: scaled).rollingIntervals(over: scaled, origins: 380..<399, steps: 6, levels: [0.8, 0.95])
        let b = try Self.intervalModel(loaded, on: scaled).rollingIntervals(over: scaled, origins: 380..<399, steps: 6, levels: [0.8, 0.95])
        #expect(a.map { $0.upper.flatMap { $0 }.map(\.bitPattern) } == b.map { $0.upper.flatMap { $0 }.map(\.bitPattern) })
        #expect(a == b)
    }

    /// A naive state stored before calibration (no `calibration` key) loads, forecasts, has
    /// no bounds in `forecastPath`, and rolling intervals say it must be fitted again.
    @Test func aStateWithoutCalibrationLoadsAndExplains() throws {
        let artifact = try Self.artifact(.naive)
        var object = try #require(try JSONSerialization.jsonObject(with: artifact.encoded()) as? [String: Any])
        var state = try #require(object["state"] as? [String: Any])
        state.removeValue(forKey: "calibration")
        object["state"] = state
        let loaded = try ArtifactLoader.load(try JSONSerialization.data(withJSONObject: object))
        let scaled = try loaded.modelSeries(grid: Self.series)
        let path = try loaded.state.forecastPath(history: scaled, steps: 6, levels: [0.8])
        #expect(path.intervals == nil && path.mean.count == 6)
        #expect(throws: ResidualCalibrationError.notCalibrated(model: "naive")) {
            try Self.intervalModel(loaded, on: scaled).rollingIntervals(over: scaled, origins: 350..<360, steps: 6, levels: [0.8])
        }
    }

    /// The committed format-1 LSTM has no calibration: it still forecasts, without bounds,
    /// and asking for rolling intervals is the typed error.
    @Test func theVersionOneLSTMFixtureLoadsWithoutIntervals() throws {
        let artifact = try ArtifactLoader.load(LSTMArtifactFixture.data())
        let lstm = try #require(artifact.state.value as? LSTMArtifact)
        #expect(lstm.formatVersion == 1 && lstm.calibration == nil)
        let history = LSTMArtifactFixture.history
        let path = try artifact.state.forecastPath(history: history, steps: 6, levels: [0.8, 0.95])
        #expect(path.intervals == nil && zip(path.mean, LSTMArtifactFixture.forecast).allSatisfy { abs($0 - $1) < 1e-5 })
        #expect(throws: ResidualCalibrationError.notCalibrated(model: "lstm")) {
            try Self.intervalModel(artifact, on: history).rollingIntervals(over: history, origins: (history.count - 5)..<history.count, steps: 6, levels: [0.8])
        }
    }

    /// The committed format-1 ARIMA and Prophet-style artifacts give intervals from their
    /// forecast variance, as before.
    @Test(arguments: ["arima_artifact_v1", "prophet_artifact_v1"])
    func versionOneVarianceModelsStillGiveIntervals(fixture: String) throws {
        let artifact = try ArtifactLoader.load(ArtifactLoaderTests.fixture(fixture))
        let history = fixture.hasPrefix("arima") ? ARIMAArtifactTests.series : ProphetBehaviourTests.dailySeries(count: 600)
        let path = try artifact.state.forecastPath(history: history, steps: 3, levels: [0.8, 0.95])
        let intervals = try #require(path.intervals)
        let model = try Self.intervalModel(artifact, on: history)
        let rolling = try model.rollingIntervals(over: history, origins: (history.count - 1)..<history.count, steps: 3, levels: [0.8, 0.95])
        for i in 0..<2 {
            for k in 0..<3 {
                #expect(abs(rolling[0].lower[i][k] - intervals.lower[i][k]) < 1e-9 && abs(rolling[0].upper[i][k] - intervals.upper[i][k]) < 1e-9)
            }
        }
    }
}
