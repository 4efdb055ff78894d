import Kernels
import Series

/// The training loop of the N-HiTS forecaster.
public enum NHITSTrainer {
    /// Fits the network on `series` (train-scaled values up to the end of validation).
    /// Train windows are origins t with t − L + 1 ≥ 0 and t + h ≤ n_train − 1; validation
    /// windows t ≥ n_train with t + h ≤ n − 1, at most `validationSamples` evenly spaced.
    ///
    /// Seeded generators split from `training.seed`: initialisation, then the windows of each
    /// step (drawn uniformly with replacement, as neuralforecast samples windows). Each step:
    /// forward → `NHITSLoss` (MAE on the point output, pinball on the quantiles) → backward →
    /// Adam. The rate is halved every ⌊maxSteps / learningRateDecays⌋ steps. Every
    /// `validationInterval` steps (and after the last) the validation MAE of the point
    /// output, in model units, is measured; the best check's weights are kept; training
    /// stops after `patience` checks without improvement, when `hooks.shouldStop` says so, or
    /// when another interval as long as the last would end past `maxMinutes`. A check is an
    /// "epoch" of the `TrainingHooks` events (epoch k = check k, `epochs` = the most checks).
    public static func fit(settings: NHITSSettings, series: RegularSeries, trainCount: Int, hooks: TrainingHooks) throws -> FittedNHITS {
        try fitGlobal(settings: settings, series: [series], trainCounts: [trainCount], hooks: hooks)[0]
    }

    /// `fit` across several series at once (global training, `GlobalForecaster`): one
    /// network trained on the train windows of every series (`NHITSSampleSet`; each step
    /// draws its windows uniformly with replacement from all of them), early-stopped on the
    /// validation MAE over the validation windows of all series (Σ|error| / count). Returns
    /// the kept network conditioned on each series, in order, each with its own train scaler.
    /// With one series this is `fit`, draw for draw.
    public static func fitGlobal(settings: NHITSSettings, series: [RegularSeries], trainCounts: [Int],
                                 hooks: TrainingHooks) throws -> [FittedNHITS] {
        precondition(!series.isEmpty && series.count == trainCounts.count, "one train count per series")
        let options = settings.training
        let interval = series[0].interval
        if let other = series.firstIndex(where: { $0.interval != interval }) {
            throw NHITSError.mixedIntervals(first: interval, series: other, got: series[other].interval)
        }
        let architecture = try settings.architecture(interval: interval)
        let L = architecture.inputSteps, h = architecture.horizonSteps
        let samples = try NHITSSampleSet(series: series, trainCounts: trainCounts, settings: settings, architecture: architecture)
        let quantiles = settings.quantiles.map(Float.init)

        var root = SplitMix64(seed: options.seed)
        var initRNG = root.split(), sampleRNG = root.split()
        let network = NHITSNetwork(architecture: architecture, rng: &initRNG)
        let batch = options.batchSize
        let workspace = NHITSWorkspace(architecture: architecture, maxBatch: batch, training: true)
        let x = FloatBuffer(count: batch * L), targets = FloatBuffer(count: batch * h)
        var centres: [(centre: Float, scale: Float)] = [], scratch = [Float](repeating: 0, count: L)
        var drawn = [NHITSSample](repeating: NHITSSample(series: 0, origin: 0), count: batch)
        var optimizer = Adam(parameterCount: network.layout.count)
        var learningRate = Float(options.learningRate)
        let decayEvery = options.learningRateDecays > 0 ? max(options.maxSteps / options.learningRateDecays, 1) : Int.max
        let checks = (options.maxSteps + options.validationInterval - 1) / options.validationInterval

        var best = (step: 0, check: 0, loss: Double.infinity, parameters: network.parameterValues)
        var stepsRun = 0, stoppedOnBudget = false
        var intervalLoss: Double = 0, intervalSteps = 0
        let started = hooks.now()
        var intervalStarted = started
        for step in 1...options.maxSteps {
            for i in 0..<batch { drawn[i] = samples.train[Int(sampleRNG.next() % UInt64(samples.train.count))] }
            samples.gather(drawn, steps: h, into: x.pointer, targets: targets.pointer, centres: &centres, scratch: &scratch)
            network.forward(input: x.pointer, batch: batch, workspace: workspace)
            let loss = NHITSLoss.evaluate(outputs: workspace.outputs, targets: targets.pointer, batch: batch, steps: h,
                                          quantiles: quantiles, gradient: workspace.outputGradients)
            guard loss.isFinite else { throw NHITSError.nonFiniteLoss(step: step) }
            network.gradients.zero()
            network.backward(batch: batch, workspace: workspace)
            network.updateParameters { theta in
                optimizer.step(parameters: theta, gradients: UnsafeBufferPointer(network.gradients.buffer), learningRate: learningRate)
            }
            if step % decayEvery == 0 { learningRate *= 0.5 }
            stepsRun = step
            intervalLoss += loss
            intervalSteps += 1
            let check = (step + options.validationInterval - 1) / options.validationInterval
            hooks.events(.batch(epoch: check, batch: intervalSteps, batches: options.validationInterval, loss: loss))
            guard step % options.validationInterval == 0 || step == options.maxSteps else { continue }

            let validation = try validationError(network: network, settings: settings, samples: samples, series: series, steps: h)
            guard validation.isFinite else { throw NHITSError.nonFiniteLoss(step: step) }
            let improved = validation < best.loss
            if improved { best = (step, check, validation, network.parameterValues) }
            let now = hooks.now()
            let summary = LSTMEpochSummary(
                epoch: check, epochs: checks, trainLoss: [intervalLoss / Double(intervalSteps)],
                trainTotal: intervalLoss / Double(intervalSteps), validationLoss: [validation], validationTotal: validation,
                learningRate: Double(learningRate), seconds: now - intervalStarted, improved: improved)
            hooks.events(.epoch(summary))
            intervalLoss = 0
            intervalSteps = 0
            if check - best.check >= options.patience || hooks.shouldStop(summary) { break }
            if let budget = options.maxMinutes, step < options.maxSteps, now - started + summary.seconds > budget * 60 {
                stoppedOnBudget = true
                hooks.events(.stoppedOnBudget(minutes: budget, epochsRun: check, bestEpoch: best.check))
                break
            }
            intervalStarted = now
        }
        hooks.events(.finished(bestEpoch: best.check, bestValidationLoss: best.loss, epochsRun: (stepsRun + options.validationInterval - 1) / options.validationInterval))
        let record = NHITSState.TrainingRecord(bestStep: best.step, stepsRun: stepsRun, bestValidationLoss: best.loss,
                                               stoppedOnBudget: stoppedOnBudget ? true : nil)
        return try series.indices.map { i in
            let state = NHITSState(settings: settings, architecture: architecture, intervalSeconds: interval,
                                   trainScaler: samples.trainScalers[i], parameters: best.parameters, training: record)
            return try FittedNHITS(state: state, history: series[i])
        }
    }

    /// Σ |ŝ − s| / count over the point paths of every validation origin of every series
    /// (all h steps), in model units.
    static func validationError(network: NHITSNetwork, settings: NHITSSettings, samples: NHITSSampleSet,
                                series: [RegularSeries], steps h: Int) throws -> Double {
        var sum: Double = 0, count = 0
        for (i, origins) in samples.validation.enumerated() {
            let paths = try NHITSInference.outputs(network: network, scaling: settings.scaling, trainScaler: samples.trainScalers[i],
                                                   series: series[i], origins: origins, steps: h)
            for (outputs, t) in zip(paths, origins) {
                for (k, value) in outputs[0].enumerated() {
                    sum += abs(value - series[i].values[t + 1 + k])
                    count += 1
                }
            }
        }
        return sum / Double(max(count, 1))
    }
}
