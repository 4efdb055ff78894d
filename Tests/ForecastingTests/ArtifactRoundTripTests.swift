import Foundation
@testable import Forecasting
import Kernels
import Series
import Testing

/// fit → save → load → forecast from raw values, per catalog kind: the loaded artifact is
/// equal to the saved one and forecasts the same numbers bit for bit.
@Suite struct ArtifactRoundTripTests {
    /// A daily cycle on a 30-minute grid (48 steps a day, 8.3 days) with noise, in the
    /// series' own units (around 40 %).
    static let series: RegularSeries = {
        var rng = SplitMix64(seed: 5)
        let values = (0..<400).map { k in 40 + 15 * sin(2 * Double.pi * Double(k) / 48) + 2 * rng.nextGaussian() }
        return RegularSeries(name: "cpu", start: 1_704_067_200, interval: 1800, values: values)
    }()

    /// `kind` with its defaults, except that the networks train briefly (a debug build would
    /// take minutes): `nhits` for 40 steps, the LSTM for 2 epochs, and the ensemble's default
    /// members likewise.
    static func spec(_ kind: ModelKind) -> ModelSpec {
        if kind == .nhits { return ModelSpec(NHITSBehaviourTests.settings(maxSteps: 40)) }
        if kind == .ensemble { return ModelSpec(EnsembleSettings(members: EnsembleSettings.defaultMemberKinds.map(spec))) }
        guard kind == .lstm else { return ModelSpec(kind: kind) }
        var configuration = LSTMTrainingTests.configuration(epochs: 2)
        configuration.windowMinutes = 360
        return ModelSpec(configuration)
    }

    @Test(arguments: ModelKind.allCases)
    func fitSaveLoadForecastIsBitForBit(kind: ModelKind) throws {
        let artifact = try Self.spec(kind).fitArtifact(series: Self.series, trainCount: 340, steps: 6)
        #expect(artifact.kind == kind && artifact.formatVersion == 3 && artifact.codeVersion == CodeVersion.current)
        #expect(artifact.data == FittedData(intervalSeconds: 1800, start: 1_704_067_200, count: 400, trainCount: 340))
        let data = try artifact.encoded()
        let loaded = try ArtifactLoader.load(data)
        #expect(loaded == artifact)
        #expect(try loaded.encoded() == data)
        let raw = ArtifactLoaderTests.raw(Self.series)
        let before = try artifact.forecast(rawHistory: raw, steps: 6)
        let after = try loaded.forecast(rawHistory: raw, steps: 6)
        #expect(before.map(\.bitPattern) == after.map(\.bitPattern))
        #expect(before.count == 6 && before.allSatisfy { $0.isFinite && $0 > 0 && $0 < 100 }, "\(before)")
        // From raw values, the path is the fitted model's own, mapped back to the series' units.
        let scaled = try artifact.modelSeries(grid: Self.series)
        let own = try artifact.state.forecastPath(history: scaled, steps: 6, levels: [0.8]).mean
        let tolerance = kind == .lstm || kind == .nhits ? 1e-5 : 1e-9
        #expect(zip(before, artifact.toSeriesUnits(own)).allSatisfy { abs($0 - $1) <= tolerance * 40 }, "\(before) vs \(own)")
    }

    /// The model an evaluation fitted (train + validation) comes back as an artifact whose
    /// forecast from the raw train + validation values is the evaluator's first test path.
    @Test(arguments: [ModelKind.naive, .arima, .prophetAR])
    func evaluationKeepsItsFittedModel(kind: ModelKind) throws {
        let raw = ArtifactLoaderTests.raw(Self.series)
        let plan = try EvaluationPlan(series: raw, horizonMinutes: [30, 60])
        let (report, artifact) = try ModelSpec(kind: kind).evaluateWithArtifact(on: plan, with: Evaluator())
        #expect(report.nTrain == plan.split.trainCount)
        #expect(artifact.data.count == plan.split.testStart && artifact.scaler == plan.scaler)
        let loaded = try ArtifactLoader.load(try artifact.encoded())
        #expect(loaded == artifact)
        let history = TimeSeries(name: raw.name, timestamps: Array(raw.timestamps.prefix(plan.split.testStart)),
                                 values: Array(raw.values.prefix(plan.split.testStart)))
        let path = try loaded.forecast(rawHistory: history, steps: 2)
        #expect(path.count == 2 && path.allSatisfy(\.isFinite))
    }

    /// Counter → rate, log1p and clip bounds fitted on train travel with the model.
    @Test func preprocessingIsPartOfTheArtifact() throws {
        var rng = SplitMix64(seed: 9)
        var total = 1e9
        let counter = Self.series.with(values: Self.series.values.map { rate in
            total += 1800 * (rate * 1000 + 100 * rng.nextGaussian())
            return total
        })
        let spec = PreprocessingSpec.recommended(for: .networkRx)
        let artifact = try ModelSpec.naive.fitArtifact(series: counter, trainCount: 340, steps: 3, preprocessing: spec)
        let loaded = try ArtifactLoader.load(try artifact.encoded())
        #expect(loaded == artifact && loaded.preprocessing?.clipBounds != nil)
        let raw = ArtifactLoaderTests.raw(counter)
        let path = try loaded.forecast(rawHistory: raw, steps: 3)
        // Naive: the last rate (bytes/s), clipped to the train bounds.
        let lastRate = (counter.values[399] - counter.values[398]) / 1800
        let bounds = try #require(loaded.preprocessing?.clipBounds)
        let expected = min(max(lastRate, bounds.lower), bounds.upper)
        #expect(path.allSatisfy { abs($0 - expected) <= 1e-9 * expected }, "\(path) vs \(expected)")
    }

    @Test func historyOnAnotherGridIsRefused() throws {
        let artifact = try ModelSpec.naive.fitArtifact(series: Self.series, trainCount: 340, steps: 3)
        let fiveMinutes = TimeSeries(name: "x", timestamps: (0..<10).map { Double($0) * 300 }, values: Array(repeating: 1, count: 10))
        #expect(throws: ArtifactError.intervalMismatch(kind: "naive", artifactSeconds: 1800, historySeconds: 300)) {
            try artifact.forecast(rawHistory: fiveMinutes, steps: 3)
        }
        #expect(throws: ArtifactError.nonPositiveSteps(0)) { try artifact.forecast(rawHistory: ArtifactLoaderTests.raw(Self.series), steps: 0) }
    }
}
