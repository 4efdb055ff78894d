@testable import Forecasting
import Foundation
import Kernels
import Series
import Testing

/// What makes the default LSTM fit long 15-second series in minutes: windows sampled per
/// epoch, a validation subset, block-mean inputs for long windows, and the time budget.
/// Same small trainings as `LSTMTrainingTests` (hidden 4, 320 points on a 5-minute grid).
@Suite struct LSTMTrainingBudgetTests {
    typealias Recorder = LSTMTrainingTests.Recorder

    static func configuration(epochs: Int = 3, samples: Int? = nil, validation: Int? = nil, maxMinutes: Double? = nil,
                              maxInputSteps: Int? = nil) -> LSTMConfiguration {
        LSTMConfiguration(hiddenSize: 4, layers: 1, bidirectional: false, dropout: 0, headHidden: 4, headDropout: 0,
                          training: LSTMTrainingOptions(epochs: epochs, batchSize: 32, learningRate: 1e-2, patience: 15, seed: 7,
                                                        samplesPerEpoch: samples, validationSamples: validation,
                                                        maxMinutes: maxMinutes),
                          maxInputSteps: maxInputSteps)
    }

    /// A clock that moves `step` seconds each time it is read.
    final class SteppingClock: @unchecked Sendable {
        private let lock = NSLock()
        private var t = 0.0
        let step: Double
        init(step: Double) { self.step = step }
        func now() -> Double { lock.withLock { t += step; return t } }
    }

    func fit(_ configuration: LSTMConfiguration, recorder: Recorder = Recorder(), clock: SteppingClock? = nil) throws -> FittedLSTM {
        let hooks = LSTMTrainer.Hooks(events: { recorder.record($0) }, now: { clock?.now() ?? 0 })
        let s = LSTMTrainingTests.series()
        return try LSTMForecaster(configuration: configuration, hooks: hooks).fit(FitData(series: s.prefix(255), trainCount: 210))
    }

    func bits(_ f: FittedLSTM) -> [UInt32] { f.artifact.parameters.map(\.bitPattern) }

    /// Caps at or above the sample counts (193 train, 39 validation origins) change nothing, bit for bit.
    @Test func capsAboveTheSampleCountsAreTheOldTraining() throws {
        let all = try fit(Self.configuration())
        let capped = try fit(Self.configuration(samples: 193, validation: 39))
        #expect(bits(all) == bits(capped))
        #expect(all.artifact.shrinkage == capped.artifact.shrinkage)
    }

    /// 64 windows per epoch: 2 batches of 32 each epoch, a different draw each epoch, and the
    /// same weights for the same seed.
    @Test func samplingPerEpochIsSeededAndSmaller() throws {
        let recorder = Recorder()
        let a = try fit(Self.configuration(samples: 64), recorder: recorder)
        let b = try fit(Self.configuration(samples: 64))
        #expect(bits(a) == bits(b))
        #expect(bits(a) != bits(try fit(Self.configuration())))
        let batchCounts = Set(recorder.events.compactMap { if case .batch(_, _, let n, _) = $0 { n } else { nil } })
        #expect(batchCounts == [2])
    }

    /// Every ⌈n/m⌉-th origin: 39 → at most 10 gives stride 4 → 10 origins.
    @Test func validationSubsetIsEvenlySpaced() {
        let origins = Array(216..<255)
        let subset = LSTMTrainer.evenlySpaced(origins, atMost: 10)
        #expect(subset == Array(stride(from: 216, to: 255, by: 4)))
        #expect(LSTMTrainer.evenlySpaced(origins, atMost: nil) == origins)
        #expect(LSTMTrainer.evenlySpaced(origins, atMost: 39) == origins)
    }

    /// A clock that moves 40 s per reading passes a 1-minute budget after the first epoch:
    /// training stops there, says so, and keeps the best epoch's weights.
    @Test func budgetStopsAfterTheEpochThatUsesItUp() throws {
        let recorder = Recorder()
        let fitted = try fit(Self.configuration(epochs: 10, maxMinutes: 1), recorder: recorder, clock: SteppingClock(step: 40))
        let stops = recorder.events.compactMap { if case .stoppedOnBudget(let m, let run, let best) = $0 { (m, run, best) } else { nil } }
        #expect(stops.count == 1)
        #expect(stops.first?.0 == 1)
        let epochs = recorder.epochs
        #expect(epochs.count == stops.first?.1 && epochs.count < 10)
        let record = try #require(fitted.artifact.training)
        #expect(record.stoppedOnBudget == true && record.epochsRun == epochs.count)
        let best = try #require(epochs.min { $0.validationTotal < $1.validationTotal })
        #expect(record.bestEpoch == best.epoch && record.bestValidationLoss == best.validationTotal)
        // Without a budget the same clock trains every epoch and records no stop.
        let unbounded = try fit(Self.configuration(epochs: 3), clock: SteppingClock(step: 40))
        #expect(unbounded.artifact.training?.stoppedOnBudget == nil && unbounded.artifact.training?.epochsRun == 3)
    }

    /// Window 4 read in blocks of 2 (maxInputSteps 2) ending at t = 5 on s = 0, 1, 3, 3, 7, 9
    /// (absolute mode): block means of rows 2…3 and 4…5 of the value column = 3 and 8.
    @Test func longWindowsAreReadAsBlockMeans() throws {
        let series = RegularSeries(name: "s", start: 0, interval: 300, values: [0, 1, 3, 3, 7, 9, 10])
        let configuration = LSTMConfiguration(maxInputSteps: 2)
        #expect(configuration.inputStep(window: 4) == 2 && configuration.inputStep(window: 2) == 1)
        #expect(LSTMConfiguration(maxInputSteps: 64).inputStep(window: 240) == 4)
        let inputs = try LSTMInputs(series: series, features: LSTMFeatureSpec(columns: ["value", "diff"]), window: 4, step: 2,
                                    normalization: LevelNormalization(mode: .absolute, scale: 1))
        #expect(inputs.steps == 2)
        var x = [Float](repeating: .nan, count: 4)
        x.withUnsafeMutableBufferPointer { inputs.gather(origins: [5], into: $0.baseAddress!) }
        // diff column: d_2…d_5 = 2, 0, 4, 2 → block means 1 and 3.
        #expect(x == [3, 1, 8, 3])
    }

    /// A block-mean LSTM trains, forecasts, and its artifact reloads to the same forecast.
    @Test func blockInputsTrainAndReload() throws {
        let fitted = try fit(Self.configuration(epochs: 2, maxInputSteps: 4))
        #expect(fitted.artifact.configuration.maxInputSteps == 4)
        let path = try fitted.predict(steps: 6)
        #expect(path.count == 6 && path.allSatisfy(\.isFinite))
        let data = try JSONEncoder().encode(fitted.artifact)
        let reloaded = try FittedLSTM(artifact: JSONDecoder().decode(LSTMArtifact.self, from: data), history: fitted.history)
        #expect(try reloaded.predict(steps: 6) == path)
    }
}
