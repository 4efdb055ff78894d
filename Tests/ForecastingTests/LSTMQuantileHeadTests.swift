@testable import Forecasting
import Foundation
import Series
import Testing

/// `lstm` with `intervals: quantile`: heads that output the point path and the quantiles
/// of 0.8 and 0.95, trained with the pinball loss (tiny seeded networks of
/// `LSTMTrainingTests`, a few epochs: debug builds are slow).
@Suite struct LSTMQuantileHeadTests {
    static func configuration(epochs: Int = 3) -> LSTMConfiguration {
        var configuration = LSTMTrainingTests.configuration(epochs: epochs)
        configuration.intervals = .quantile
        return configuration
    }

    static func fit(_ configuration: LSTMConfiguration = configuration(), hooks: TrainingHooks = .init(now: { 0 })) throws -> FittedLSTM {
        try LSTMForecaster(configuration: configuration, hooks: hooks)
            .fit(FitData(series: LSTMTrainingTests.series().prefix(255), trainCount: 210))
    }

    /// Lower and upper bounds of each level, level by level, are ordered as
    /// lower(0.95) ≤ lower(0.8) ≤ upper(0.8) ≤ upper(0.95) at every step.
    static func expectNested(_ intervals: [PathIntervals], sourceLocation: SourceLocation = #_sourceLocation) throws {
        for path in intervals {
            let wide = try #require(path.interval(level: 0.95)), narrow = try #require(path.interval(level: 0.8))
            for k in wide.lower.indices {
                let bounds = [wide.lower[k], narrow.lower[k], narrow.upper[k], wide.upper[k]]
                #expect(bounds == bounds.sorted(), "step \(k + 1): \(bounds)", sourceLocation: sourceLocation)
            }
        }
    }

    /// The heads output O = 5 blocks per step, the artifact (format 3) stores the layout and
    /// no residual calibration; the default stays `conformal` with point-only heads.
    @Test func quantileHeadsReplaceTheCalibration() throws {
        let fitted = try Self.fit()
        #expect(fitted.artifact.formatVersion == 3)
        #expect(fitted.artifact.quantileHeads == (try LSTMQuantileLayout(levels: [0.8, 0.95])))
        #expect(fitted.artifact.architecture.headOutputs == [5, 15, 30])
        #expect(fitted.artifact.calibration == nil)
        #expect(fitted.artifact.shrinkage?.map(\.count) == [1, 3, 6])
        #expect(fitted.parameters["quantiles"] == .numbers(try LSTMQuantileLayout(levels: [0.8, 0.95]).quantiles))
        #expect(LSTMConfiguration().intervals == .conformal && LSTMConfiguration().intervalLevels == [0.8, 0.95])
        let conformal = try LSTMForecaster(configuration: LSTMTrainingTests.configuration(epochs: 1), hooks: .init(now: { 0 }))
            .fit(FitData(series: LSTMTrainingTests.series().prefix(255), trainCount: 210))
        #expect(conformal.artifact.quantileHeads == nil && conformal.artifact.architecture.headOutputs == [1, 3, 6])
        #expect(conformal.artifact.calibration != nil)
    }

    /// Quantiles never cross and the levels nest, at every origin and step, also past the
    /// longest head (steps 7 and 8 repeat its last outputs); bounds have positive width.
    @Test func quantilesNeverCrossAndIntervalsNest() throws {
        let fitted = try Self.fit()
        let series = LSTMTrainingTests.series()
        let intervals = try fitted.rollingIntervals(over: series, origins: 200..<319, steps: 8, levels: [0.95, 0.8])
        #expect(intervals.count == 119 && intervals.allSatisfy { $0.lower.allSatisfy { $0.count == 8 } })
        try Self.expectNested(intervals)
        let widths = intervals.flatMap { path in zip(path.lower[0], path.upper[0]).map { $1 - $0 } }
        #expect(widths.allSatisfy { $0 > 0 }, "smallest 95 % width \(widths.min() ?? .nan)")
        let paths = LSTMInference.quantilePaths(network: fitted.network, inputs: try LSTMInputs(
            series: series, features: fitted.artifact.configuration.features, window: fitted.window, step: 1,
            normalization: fitted.artifact.normalization), origins: Array(200..<319), horizons: fitted.horizons, steps: 8, quantiles: 4)
        for path in paths { for k in 0..<8 { #expect((0..<4).map { path[$0][k] } == (0..<4).map { path[$0][k] }.sorted()) } }
    }

    /// Changing every value after the last origin changes no bound (bit for bit).
    @Test func intervalsAreCausal() throws {
        let fitted = try Self.fit()
        let series = LSTMTrainingTests.series()
        var changed = series.values
        for i in 260..<changed.count { changed[i] = 10 + Double(i) }
        let other = RegularSeries(name: series.name, start: series.start, interval: series.interval, values: changed)
        let a = try fitted.rollingIntervals(over: series, origins: 230..<260, steps: 6, levels: [0.8, 0.95])
        let b = try fitted.rollingIntervals(over: other, origins: 230..<260, steps: 6, levels: [0.8, 0.95])
        #expect(a == b)
        let later = try fitted.rollingIntervals(over: other, origins: 260..<261, steps: 6, levels: [0.8])
        let before = try fitted.rollingIntervals(over: series, origins: 260..<261, steps: 6, levels: [0.8])
        #expect(later != before, "the changed values reach the intervals of later origins")
    }

    /// A level the heads were not trained for is the typed error naming it and the trained ones.
    @Test func untrainedLevelIsATypedError() throws {
        let fitted = try Self.fit(Self.configuration(epochs: 1))
        let series = LSTMTrainingTests.series()
        #expect(throws: IntervalError.levelNotTrained(model: "lstm", level: 0.9, trained: [0.8, 0.95])) {
            try fitted.rollingIntervals(over: series, origins: 250..<251, steps: 6, levels: [0.8, 0.9])
        }
        #expect(throws: IntervalError.levelOutOfRange(1.5)) {
            try fitted.rollingIntervals(over: series, origins: 250..<251, steps: 6, levels: [1.5])
        }
        #expect(throws: IntervalError.levelNotTrained(model: "lstm", level: 0.5, trained: [0.8, 0.95])) {
            try fitted.artifact.forecastPath(history: fitted.history, steps: 6, levels: [0.5])
        }
        var bad = Self.configuration(epochs: 1)
        bad.intervalLevels = [0.8, 1]
        #expect(throws: LSTMError.invalidIntervalLevels([0.8, 1])) { try Self.fit(bad) }
    }

    /// Saved and loaded (alone and in the common envelope), the model is equal and gives the
    /// same bounds bit for bit; `forecastPath` gives the last origin's bounds.
    @Test func artifactRoundTripKeepsTheQuantileHeads() throws {
        let fitted = try Self.fit()
        let data = try fitted.artifact.jsonData()
        #expect(String(decoding: data, as: UTF8.self).contains("\"quantile_heads\""))
        let loaded = try LSTMArtifact.load(from: data)
        #expect(loaded == fitted.artifact)
        let series = LSTMTrainingTests.series()
        let a = try fitted.rollingIntervals(over: series, origins: 240..<260, steps: 6, levels: [0.8, 0.95])
        let b = try FittedLSTM(artifact: loaded, history: fitted.history)
            .rollingIntervals(over: series, origins: 240..<260, steps: 6, levels: [0.8, 0.95])
        #expect(a == b)
        let path = try loaded.forecastPath(history: fitted.history, steps: 6, levels: [0.8, 0.95])
        let last = try fitted.rollingIntervals(over: fitted.history, origins: 254..<255, steps: 6, levels: [0.8, 0.95])
        let mean = try fitted.predict(steps: 6)
        #expect(path.intervals == last.first && path.mean == mean)

        let envelope = try ModelSpec(Self.configuration()).fitArtifact(series: series.prefix(300), trainCount: 240, steps: 6)
        let reloaded = try ArtifactLoader.load(envelope.encoded())
        #expect(reloaded == envelope)
        let state = try #require(reloaded.state.value as? LSTMArtifact)
        #expect(state.quantileHeads?.levels == [0.8, 0.95])
        let scaled = try reloaded.modelSeries(grid: series.prefix(300))
        let bounds = try #require(try reloaded.state.forecastPath(history: scaled, steps: 6, levels: [0.8, 0.95]).intervals)
        try Self.expectNested([bounds])
    }

    /// Checkpoints carry the layout: the last one (the best epoch, without the shrinkage
    /// fitted after training, which the quantile outputs do not use) loads from its file
    /// and gives the fitted model's bounds bit for bit.
    @Test func checkpointFileKeepsTheQuantileHeads() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lstm-quantile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = LSTMCheckpointFile(path: folder.appendingPathComponent("best.json").path)
        let fitted = try Self.fit(hooks: TrainingHooks(now: { 0 }, checkpoint: file.sink))
        let checkpoint = try LSTMArtifact.load(from: Data(contentsOf: URL(fileURLWithPath: file.path)))
        #expect(checkpoint.quantileHeads == fitted.artifact.quantileHeads && checkpoint.parameters == fitted.artifact.parameters)
        let series = LSTMTrainingTests.series()
        let resumed = try FittedLSTM(artifact: checkpoint, history: fitted.history)
        let fromCheckpoint = try resumed.rollingIntervals(over: series, origins: 240..<250, steps: 6, levels: [0.8, 0.95])
        #expect(try fromCheckpoint == fitted.rollingIntervals(over: series, origins: 240..<250, steps: 6, levels: [0.8, 0.95]))
    }

    /// On a generated noisy series (a daily-like sine plus Gaussian noise σ = 0.05, 1,000
    /// points), the 80 % interval of a briefly trained network covers between 65 % and 92 %
    /// of the 864 test targets (144 origins × 6 steps), the 95 % interval at least as many.
    @Test func eightyPercentIntervalCoversAboutEightyPercent() throws {
        let series = LSTMTrainingTests.series(count: 1_000, seed: 11)
        var configuration = LSTMConfiguration(hiddenSize: 8, layers: 1, bidirectional: false, dropout: 0, headHidden: 8, headDropout: 0,
                                              training: LSTMTrainingOptions(epochs: 12, batchSize: 32, learningRate: 1e-2, patience: 4,
                                                                            seed: 5, samplesPerEpoch: 320),
                                              intervals: .quantile)
        configuration.intervalLevels = [0.8, 0.95]
        let fitted = try LSTMForecaster(configuration: configuration, hooks: .init(now: { 0 }))
            .fit(FitData(series: series.prefix(850), trainCount: 700))
        let origins = 850..<994
        let intervals = try fitted.rollingIntervals(over: series, origins: origins, steps: 6, levels: [0.8, 0.95])
        var inside = [0, 0], total = 0
        for (path, t) in zip(intervals, origins) {
            for k in 0..<6 {
                let y = series.values[t + 1 + k]
                for i in 0..<2 where path.lower[i][k] <= y && y <= path.upper[i][k] { inside[i] += 1 }
                total += 1
            }
        }
        let coverage = inside.map { Double($0) / Double(total) }
        print("lstm quantile heads: coverage 80 % \(coverage[0]), 95 % \(coverage[1]) on \(total) test targets")
        #expect(total == 864)
        #expect((0.65...0.92).contains(coverage[0]), "80 % interval covers \(coverage[0])")
        #expect(coverage[1] >= coverage[0] && coverage[1] >= 0.8, "95 % interval covers \(coverage[1])")
    }
}
