@testable import Forecasting
import Foundation
import Kernels
import Series
import Testing

/// Small trainings (hidden 4, 12-step windows, 300 points: debug builds are slow) on a seeded synthetic 5-minute series.
@Suite struct LSTMTrainingTests {
    /// s_k = 0.5 + 0.3·sin(2πk/48) + 0.05·ε_k, 5-minute grid starting 2024-01-01 00:00 UTC.
    static func series(count: Int = 320, seed: UInt64 = 3) -> RegularSeries {
        var rng = SplitMix64(seed: seed)
        let values = (0..<count).map { k in 0.5 + 0.3 * sin(2 * Double.pi * Double(k) / 48) + 0.05 * rng.nextGaussian() }
        return RegularSeries(name: "synthetic", start: 1_704_067_200, interval: 300, values: values)
    }

    static func configuration(epochs: Int = 4, patience: Int = 15, learningRate: Double = 1e-2, seed: UInt64 = 7) -> LSTMConfiguration {
        LSTMConfiguration(hiddenSize: 4, layers: 2, bidirectional: true, dropout: 0.2, headHidden: 4, headDropout: 0.1,
                          training: LSTMTrainingOptions(epochs: epochs, batchSize: 32, learningRate: learningRate,
                                                        patience: patience, seed: seed))
    }

    final class Recorder: @unchecked Sendable {
        private let lock = NSLock()
        private var storage: [LSTMTrainingEvent] = []
        private var checkpoints: [LSTMArtifact] = []
        func record(_ e: LSTMTrainingEvent) { lock.withLock { storage.append(e) } }
        func save(_ a: LSTMArtifact) { lock.withLock { checkpoints.append(a) } }
        var events: [LSTMTrainingEvent] { lock.withLock { storage } }
        var saved: [LSTMArtifact] { lock.withLock { checkpoints } }
        var epochs: [LSTMEpochSummary] {
            events.compactMap { if case .epoch(let s) = $0 { s } else { nil } }
        }
    }

    func fit(_ configuration: LSTMConfiguration, recorder: Recorder = Recorder()) throws -> FittedLSTM {
        let hooks = LSTMTrainer.Hooks(events: { recorder.record($0) }, now: { 0 }, checkpoint: { recorder.save($0) })
        let s = Self.series()
        return try LSTMForecaster(configuration: configuration, hooks: hooks).fit(FitData(series: s.prefix(255), trainCount: 210))
    }

    @Test func sameSeedGivesIdenticalWeightsBitForBit() throws {
        let a = try fit(Self.configuration(epochs: 2))
        let b = try fit(Self.configuration(epochs: 2))
        #expect(a.artifact.parameters.map(\.bitPattern) == b.artifact.parameters.map(\.bitPattern))
        let c = try fit(Self.configuration(epochs: 2, seed: 8))
        #expect(a.artifact.parameters != c.artifact.parameters)
    }

    @Test func trainingLowersTheValidationLossAndEmitsEvents() throws {
        let recorder = Recorder()
        _ = try fit(Self.configuration(epochs: 5), recorder: recorder)
        let epochs = recorder.epochs
        #expect(epochs.count == 5)
        #expect(epochs.allSatisfy { $0.trainLoss.count == 3 && $0.validationLoss.count == 3 })
        #expect(epochs.last!.validationTotal < epochs.first!.validationTotal)
        // 210 train points, window 12, h_max 6: origins 11…203 → 193 samples → 7 batches of ≤ 32.
        let batches = recorder.events.filter { if case .batch(1, _, 7, _) = $0 { true } else { false } }
        #expect(batches.count == 7)
    }

    /// With a large learning rate the validation loss stops improving; training stops
    /// `patience` epochs after the best one and the fitted weights are the best epoch's
    /// (the last checkpoint), whose validation loss is recomputed here.
    @Test func earlyStoppingRestoresTheBestEpoch() throws {
        let recorder = Recorder()
        let fitted = try fit(Self.configuration(epochs: 30, patience: 3, learningRate: 0.05), recorder: recorder)
        guard case .finished(let bestEpoch, let bestLoss, let epochsRun) = recorder.events.last else {
            Issue.record("no finished event"); return
        }
        #expect(epochsRun < 30, "expected an early stop")
        #expect(epochsRun == bestEpoch + 3)
        #expect(recorder.epochs[bestEpoch - 1].validationTotal == bestLoss)
        #expect(recorder.epochs.filter(\.improved).last?.epoch == bestEpoch)
        #expect(recorder.saved.last?.parameters == fitted.artifact.parameters)
        #expect(fitted.artifact.training?.bestEpoch == bestEpoch)

        let s = Self.series().prefix(255)
        let inputs = try LSTMInputs(series: s, features: .init(), window: 12, normalization: fitted.artifact.normalization)
        let origins = OriginRange.validation(trainCount: 210, validationCount: 45).origins(for: try WindowSpec(length: 12, horizons: [1, 3, 6]))
        let losses = try LSTMInference.losses(network: fitted.network, inputs: inputs, origins: origins, horizons: [1, 3, 6], loss: fitted.artifact.configuration.training.loss)
        let total = losses[0] + 1.5 * losses[1] + losses[2]
        #expect(abs(total - bestLoss) < 1e-12 * max(1, bestLoss))
    }

    /// `TrainingHooks.shouldStop` (a sweep's pruner) stops after the epoch it returns true
    /// for, keeps the best weights so far (the last checkpoint) and still sends `.finished`.
    @Test func aStopSignalEndsTrainingAfterThatEpochWithTheBestWeights() throws {
        let recorder = Recorder()
        var hooks = LSTMTrainer.Hooks(events: { recorder.record($0) }, now: { 0 }, checkpoint: { recorder.save($0) })
        hooks.shouldStop = { $0.epoch == 2 }
        let s = Self.series()
        let fitted = try LSTMForecaster(configuration: Self.configuration(epochs: 6), hooks: hooks)
            .fit(FitData(series: s.prefix(255), trainCount: 210))
        #expect(recorder.epochs.map(\.epoch) == [1, 2])
        guard case .finished(let bestEpoch, _, let epochsRun) = recorder.events.last else {
            Issue.record("no finished event"); return
        }
        #expect(epochsRun == 2 && bestEpoch <= 2)
        #expect(recorder.saved.last?.parameters == fitted.artifact.parameters)
        #expect(fitted.artifact.training?.epochsRun == 2)
    }

    @Test func artifactRoundTripGivesIdenticalForecasts() throws {
        let fitted = try fit(Self.configuration(epochs: 2))
        let data = try fitted.artifact.jsonData()
        let loaded = try LSTMArtifact.load(from: data)
        #expect(loaded == fitted.artifact)
        let s = Self.series()
        let again = try FittedLSTM(artifact: loaded, history: s.prefix(255))
        let a = try fitted.rollingForecasts(over: s, origins: 255..<300, steps: 6)
        let b = try again.rollingForecasts(over: s, origins: 255..<300, steps: 6)
        #expect(a == b)
        // One window alone is the same bits as in the batch (batch-invariant inference).
        let single = try again.apply(to: s.prefix(256)).predict(steps: 6)
        #expect(single == a[0], "\(single) vs \(a[0])")
        #expect(try loaded.jsonData() == data)
    }

    @Test func artifactFromTheFutureIsRejectedWithItsVersion() throws {
        let fitted = try fit(Self.configuration(epochs: 1))
        var json = try JSONSerialization.jsonObject(with: fitted.artifact.jsonData()) as? [String: Any] ?? [:]
        let future = LSTMArtifact.formatVersion + 1
        json["format_version"] = future
        let data = try JSONSerialization.data(withJSONObject: json)
        #expect(throws: LSTMError.unsupportedArtifactVersion(found: future, supported: LSTMArtifact.formatVersion)) {
            try LSTMArtifact.load(from: data)
        }
    }

    /// The rolling forecast of origin t must not read s_{t+1}…: changing later values leaves it unchanged.
    @Test func forecastsAreCausalAndBatchedLikeSinglePredictions() throws {
        let fitted = try fit(Self.configuration(epochs: 1))
        let s = Self.series()
        let paths = try fitted.rollingForecasts(over: s, origins: 260..<280, steps: 8)
        var changed = s.values
        for k in 270..<changed.count { changed[k] += 10 }
        let altered = try fitted.rollingForecasts(over: s.with(values: changed), origins: 260..<270, steps: 8)
        #expect(Array(paths.prefix(10)) == altered)
        let single = try fitted.apply(to: s.prefix(265)).predict(steps: 8)
        #expect(single == paths[4], "\(single) vs \(paths[4])")
    }

    /// The level fix: in `relative_to_last` mode the network sees the same inputs when the
    /// whole series is shifted by c (level far outside the training range), so every
    /// forecast shifts by exactly c; in `absolute` mode it does not.
    @Test func relativeLevelForecastsFollowAShiftedLevel() throws {
        let fitted = try fit(Self.configuration(epochs: 1))
        let s = Self.series()
        let shifted = s.with(values: s.values.map { $0 + 5 })
        let base = try fitted.rollingForecasts(over: s, origins: 260..<270, steps: 6)
        let moved = try fitted.rollingForecasts(over: shifted, origins: 260..<270, steps: 6)
        for (a, b) in zip(base, moved) {
            #expect(zip(a, b).allSatisfy { abs($1 - $0 - 5) < 1e-9 }, "\(a) vs \(b)")
        }
        var absolute = Self.configuration(epochs: 1)
        absolute.level = .absolute
        let fixed = try fit(absolute)
        let a = try fixed.rollingForecasts(over: s, origins: 260..<261, steps: 6)[0]
        let b = try fixed.rollingForecasts(over: shifted, origins: 260..<261, steps: 6)[0]
        #expect(zip(a, b).contains { abs($1 - $0 - 5) > 0.5 }, "absolute mode should not follow the shift: \(a) vs \(b)")
    }

    /// SGD with momentum and RMSprop (with weight decay, Huber/MAE loss, reduce-on-plateau)
    /// also train: the validation loss of the last epoch is below the first's.
    @Test(arguments: [LSTMOptimizer.sgd, .rmsprop])
    func otherOptimizersTrain(optimizer: LSTMOptimizer) throws {
        var configuration = Self.configuration(epochs: 4, learningRate: optimizer == .sgd ? 0.05 : 3e-3)
        configuration.training.optimizer = optimizer
        configuration.training.weightDecay = 1e-4
        configuration.training.loss = optimizer == .sgd ? .huber(delta: 1) : .mae
        configuration.training.plateauPatience = 1
        let recorder = Recorder()
        _ = try fit(configuration, recorder: recorder)
        let epochs = recorder.epochs
        #expect(epochs.count == 4)
        #expect(epochs.last!.validationTotal < epochs.first!.validationTotal, "\(epochs.map(\.validationTotal))")
    }

    /// The validation-fitted shrinkage α ∈ [0, 1] per output can only lower the validation
    /// squared error of the level-relative forecasts (least squares with a clamp).
    @Test func shrinkageLowersTheValidationError() throws {
        let fitted = try fit(Self.configuration(epochs: 2))
        let factors = try #require(fitted.artifact.shrinkage)
        #expect(factors.map(\.count) == [1, 3, 6])
        #expect(factors.joined().allSatisfy { (0...1).contains($0) })
        let s = Self.series().prefix(255)
        let origins = Array(210...248) // the validation origins: t ≥ n_train = 210, t + 6 ≤ 254
        let plain = try FittedLSTM(artifact: { var a = fitted.artifact; a.shrinkage = nil; return a }(), history: s)
        let shrunk = try fitted.rollingForecasts(over: s, origins: origins.first!..<(origins.last! + 1), steps: 6)
        let raw = try plain.rollingForecasts(over: s, origins: origins.first!..<(origins.last! + 1), steps: 6)
        // Step 6 comes from the 30-minute head's last output.
        func sse(_ paths: [[Double]]) -> Double {
            zip(origins, paths).reduce(0) { $0 + pow(s.values[$1.0 + 6] - $1.1[5], 2) }
        }
        #expect(sse(shrunk) <= sse(raw) + 1e-12, "\(sse(shrunk)) vs \(sse(raw))")
    }
}
