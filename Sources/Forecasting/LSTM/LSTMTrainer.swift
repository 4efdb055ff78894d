import Kernels
import Series

/// The training loop of the LSTM forecaster.
public enum LSTMTrainer {
    /// The hooks `fit` takes (kept under this name for existing callers).
    public typealias Hooks = TrainingHooks

    /// Fits the network on `series` (train-scaled values up to the end of validation):
    /// train samples are origins t with t − L + 1 ≥ 0 and t + h_max ≤ n_train − 1,
    /// validation samples t ≥ n_train and t + h_max ≤ n − 1 (EVALUATION.md §7).
    ///
    /// Seeded generators split from `options.seed`: initialisation, shuffling, dropout.
    /// Each epoch reshuffles the train samples, keeps the first `samplesPerEpoch` of them
    /// (all when nil or larger), runs batches of `batchSize` through
    /// forward → loss Σ_k w_k·L_k (`LSTMHeadLoss`: the point loss, plus the pinball loss of
    /// each quantile output with `quantile` intervals) → backward → clip → optimiser step, then scores the
    /// validation samples (at most `validationSamples`, evenly spaced) without dropout. The
    /// best validation epoch's weights are kept (and checkpointed); training stops after
    /// `patience` epochs without improvement, when `hooks.shouldStop` says so after an epoch
    /// (a pruned sweep trial), or when another epoch as long as the last would end past
    /// `maxMinutes` of `hooks.now()` since the first epoch began (reported as `.stoppedOnBudget`).
    /// Finally, in level-relative mode, each output gets a shrinkage factor toward the
    /// last value fitted on the validation samples.
    public static func fit(configuration: LSTMConfiguration, series: RegularSeries, trainCount: Int, hooks: Hooks) throws -> FittedLSTM {
        try fitGlobal(configuration: configuration, series: [series], trainCounts: [trainCount], hooks: hooks)[0]
    }

    /// `fit` across several series at once (global training, `GlobalForecaster`): one
    /// network, trained on the train samples of every series i (origins t with
    /// t − L + 1 ≥ 0 and t + h_max ≤ n_train,i − 1, each series with its own level
    /// normalization fitted on its own train part), shuffled together. The validation loss
    /// of an epoch is the mean over all validation samples (Σ_i m_i·loss_i / Σ_i m_i, m_i the
    /// samples of series i; at most `validationSamples` in all, shared in proportion to each
    /// series' validation windows). The output shrinkage is fitted per series on its own
    /// validation samples. Returns the trained network conditioned on each series, in
    /// order. With one series this is `fit`, sample for sample.
    public static func fitGlobal(
        configuration: LSTMConfiguration, series: [RegularSeries], trainCounts: [Int], hooks: Hooks
    ) throws -> [FittedLSTM] {
        precondition(!series.isEmpty && series.count == trainCounts.count, "one train count per series")
        let options = configuration.training
        let interval = series[0].interval
        if let other = series.firstIndex(where: { $0.interval != interval }) {
            throw LSTMError.mixedIntervals(first: interval, series: other, got: series[other].interval)
        }
        let (window, horizons) = try configuration.steps(interval: interval)
        let longest = horizons.max() ?? 1
        let spec = try WindowSpec(length: window, horizons: horizons)
        var normalizations: [LevelNormalization] = []
        var perSeriesInputs: [LSTMInputs] = []
        var trainSamples: [LSTMSample] = []
        var validationWindows: [[Int]] = []
        for (i, s) in series.enumerated() {
            let normalization = LevelNormalization(mode: configuration.level, estimator: configuration.levelScale,
                                                   fittingOn: s.values[0..<trainCounts[i]])
            normalizations.append(normalization)
            perSeriesInputs.append(try LSTMInputs(series: s, features: configuration.features, window: window,
                                                  step: configuration.inputStep(window: window), normalization: normalization))
            trainSamples += OriginRange.train(count: trainCounts[i]).origins(for: spec).map { LSTMSample(series: i, origin: $0) }
            validationWindows.append(OriginRange.validation(trainCount: trainCounts[i], validationCount: s.count - trainCounts[i]).origins(for: spec))
        }
        let totalValidation = validationWindows.reduce(0) { $0 + $1.count }
        let validationOrigins = validationWindows.map { windows in
            evenlySpaced(windows, atMost: options.validationSamples.map { limit in
                series.count == 1 ? limit : max(1, limit * windows.count / max(totalValidation, 1))
            })
        }
        let samples = LSTMSampleSet(inputs: perSeriesInputs)
        let inputs = perSeriesInputs[0]
        guard trainSamples.count >= 1 else {
            throw LSTMError.tooFewWindows(split: "training", needed: 1, got: 0, window: window, longestHorizon: longest)
        }
        guard validationOrigins.allSatisfy({ !$0.isEmpty }) else {
            throw LSTMError.tooFewWindows(split: "validation", needed: 1, got: 0, window: window, longestHorizon: longest)
        }
        if let given = options.horizonWeights, given.count != horizons.count {
            throw LSTMError.horizonWeightCount(expected: horizons.count, got: given.count)
        }
        let weights = options.weights(horizons: horizons.count)
        let quantiles = try configuration.quantileLayout()
        let headLoss = LSTMHeadLoss(point: options.loss, layout: quantiles)

        var root = SplitMix64(seed: options.seed)
        var initRNG = root.split(), shuffleRNG = root.split()
        var dropoutRNG: SplitMix64? = root.split()
        let architecture = configuration.architecture(inputSize: inputs.featureCount, horizons: horizons, quantiles: quantiles)
        let network = LSTMNetwork(architecture: architecture, rng: &initRNG)
        let perEpoch = min(options.samplesPerEpoch.map { max($0, 1) } ?? trainSamples.count, trainSamples.count)
        let batchSize = min(options.batchSize, perEpoch)
        let workspace = NetworkWorkspace(architecture: architecture, steps: inputs.steps, maxBatch: batchSize, training: true)
        let x = FloatBuffer(count: inputs.steps * batchSize * inputs.featureCount)
        let targets = horizons.map { FloatBuffer(count: batchSize * $0) }
        let heads = zip(horizons, targets).map { (steps: $0, pointer: $1.pointer) }
        var optimizer = makeOptimizer(options, count: network.layout.count)
        var plateau = options.plateauPatience.map { ReduceOnPlateau(initialRate: Float(options.learningRate), patience: $0) }
        var learningRate = Float(options.learningRate)

        var order = trainSamples
        var best = (epoch: 0, loss: Double.infinity, parameters: network.parameterValues)
        var epochsRun = 0
        var stoppedOnBudget = false
        let batches = (perEpoch + batchSize - 1) / batchSize
        let trainingStarted = hooks.now()
        for epoch in 1...max(options.epochs, 1) {
            let started = hooks.now()
            order.shuffle(using: &shuffleRNG)
            var trainSums = [Double](repeating: 0, count: horizons.count)
            for batch in 0..<batches {
                let slice = order[(batch * batchSize)..<min((batch + 1) * batchSize, perEpoch)]
                samples.gather(slice, into: x.pointer, heads: heads)
                network.forward(input: x.pointer, batch: slice.count, workspace: workspace, dropout: &dropoutRNG)
                var total: Double = 0
                for k in horizons.indices {
                    let loss = headLoss.evaluate(
                        predictions: workspace.output(head: k), targets: targets[k].pointer, batch: slice.count, steps: horizons[k],
                        weight: weights[k], gradient: workspace.outputGradient(head: k))
                    trainSums[k] += loss * Double(slice.count)
                    total += Double(weights[k]) * loss
                }
                guard total.isFinite else { throw LSTMError.nonFiniteLoss(epoch: epoch) }
                network.gradients.zero()
                network.backward(input: x.pointer, batch: slice.count, workspace: workspace)
                if let clip = options.clipNorm { GradientClipping.clipNorm(network.gradients.buffer, maxNorm: Float(clip)) }
                network.updateParameters { theta in
                    optimizer.step(parameters: theta, gradients: UnsafeBufferPointer(network.gradients.buffer),
                                   learningRate: learningRate)
                }
                hooks.events(.batch(epoch: epoch, batch: batch + 1, batches: batches, loss: total))
            }
            let trainLoss = trainSums.map { $0 / Double(perEpoch) }
            let validationLoss = try validationLosses(network: network, samples: samples, origins: validationOrigins,
                                                      horizons: horizons, loss: options.loss, quantiles: quantiles)
            let validationTotal = zip(weights, validationLoss).reduce(0) { $0 + Double($1.0) * $1.1 }
            guard validationTotal.isFinite else { throw LSTMError.nonFiniteLoss(epoch: epoch) }
            let improved = validationTotal < best.loss
            if improved {
                best = (epoch, validationTotal, network.parameterValues)
                if let checkpoint = hooks.checkpoint {
                    try checkpoint(LSTMArtifact(
                        configuration: configuration, architecture: architecture, normalization: normalizations[0],
                        intervalSeconds: interval, parameters: best.parameters,
                        training: LSTMArtifact.TrainingRecord(bestEpoch: epoch, epochsRun: epoch, bestValidationLoss: validationTotal),
                        quantileHeads: quantiles))
                }
            }
            epochsRun = epoch
            let summary = LSTMEpochSummary(
                epoch: epoch, epochs: options.epochs, trainLoss: trainLoss,
                trainTotal: zip(weights, trainLoss).reduce(0) { $0 + Double($1.0) * $1.1 },
                validationLoss: validationLoss, validationTotal: validationTotal, learningRate: Double(learningRate),
                seconds: hooks.now() - started, improved: improved)
            hooks.events(.epoch(summary))
            if epoch - best.epoch >= options.patience || hooks.shouldStop(summary) { break }
            // Stop when one more epoch as long as this one would end past the budget.
            if let budget = options.maxMinutes, epoch < options.epochs,
               hooks.now() - trainingStarted + summary.seconds > budget * 60 {
                stoppedOnBudget = true
                hooks.events(.stoppedOnBudget(minutes: budget, epochsRun: epoch, bestEpoch: best.epoch))
                break
            }
            if var schedule = plateau {
                learningRate = schedule.record(loss: Float(validationTotal))
                plateau = schedule
            }
        }
        network.setParameters(best.parameters)
        hooks.events(.finished(bestEpoch: best.epoch, bestValidationLoss: best.loss, epochsRun: epochsRun))
        let shrinks = options.shrinkOnValidation && configuration.level == .relativeToLast
        let record = LSTMArtifact.TrainingRecord(bestEpoch: best.epoch, epochsRun: epochsRun, bestValidationLoss: best.loss,
                                                 stoppedOnBudget: stoppedOnBudget ? true : nil)
        return try series.indices.map { i in
            let shrinkage = shrinks
                ? LSTMInference.shrinkageFactors(network: network, inputs: perSeriesInputs[i], origins: validationOrigins[i], horizons: horizons)
                : nil
            let artifact = LSTMArtifact(configuration: configuration, architecture: architecture, normalization: normalizations[i],
                                        intervalSeconds: interval, parameters: best.parameters, training: record, shrinkage: shrinkage,
                                        quantileHeads: quantiles)
            return try FittedLSTM(artifact: artifact, history: series[i])
        }
    }

    /// Mean validation loss per head over the validation samples of every series:
    /// Σ_i m_i·loss_i / Σ_i m_i (one series: its own losses, unchanged).
    static func validationLosses(network: LSTMNetwork, samples: LSTMSampleSet, origins: [[Int]], horizons: [Int],
                                 loss: LSTMLoss, quantiles: LSTMQuantileLayout?) throws -> [Double] {
        let perSeries = try origins.indices.map { i in
            try LSTMInference.losses(network: network, inputs: samples.inputs[i], origins: origins[i], horizons: horizons, loss: loss,
                                     quantiles: quantiles)
        }
        guard perSeries.count > 1 else { return perSeries[0] }
        let total = Double(origins.reduce(0) { $0 + $1.count })
        return horizons.indices.map { k in
            zip(perSeries, origins).reduce(0) { $0 + $1.0[k] * Double($1.1.count) } / total
        }
    }

    /// At most `limit` of `origins`, every ⌈n/limit⌉-th from the first; all when `limit` is nil or ≥ n.
    static func evenlySpaced(_ origins: [Int], atMost limit: Int?) -> [Int] {
        guard let limit, limit >= 1, origins.count > limit else { return origins }
        let stride = (origins.count + limit - 1) / limit
        return Swift.stride(from: 0, to: origins.count, by: stride).map { origins[$0] }
    }

    static func makeOptimizer(_ options: LSTMTrainingOptions, count: Int) -> any Optimizer {
        let decay = Float(options.weightDecay)
        switch options.optimizer {
        case .adam: return Adam(parameterCount: count, weightDecay: decay)
        case .sgd: return SGD(parameterCount: count, momentum: Float(options.momentum), weightDecay: decay)
        case .rmsprop: return RMSProp(parameterCount: count, weightDecay: decay)
        }
    }
}
