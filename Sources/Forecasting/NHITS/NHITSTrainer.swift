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
        let options = settings.training
        let architecture = try settings.architecture(interval: series.interval)
        let L = architecture.inputSteps, h = architecture.horizonSteps, O = architecture.outputs
        let trainOrigins = Array(stride(from: L - 1, through: trainCount - 1 - h, by: 1))
        guard !trainOrigins.isEmpty else { throw NHITSError.tooFewWindows(split: "training", got: 0, inputSteps: L, horizonSteps: h) }
        let validationOrigins = LSTMTrainer.evenlySpaced(Array(stride(from: max(trainCount, L - 1), through: series.count - 1 - h, by: 1)),
                                             atMost: options.validationSamples)
        guard !validationOrigins.isEmpty else { throw NHITSError.tooFewWindows(split: "validation", got: 0, inputSteps: L, horizonSteps: h) }
        let trainScaler = settings.scaling == .robustTrain ? try RobustScaler(fittingOn: series.values[0..<trainCount]) : nil
        let windows = NHITSWindows(values: series.values, inputSteps: L, scaling: settings.scaling, trainScaler: trainScaler)
        let quantiles = settings.quantiles.map(Float.init)

        var root = SplitMix64(seed: options.seed)
        var initRNG = root.split(), sampleRNG = root.split()
        let network = NHITSNetwork(architecture: architecture, rng: &initRNG)
        let batch = options.batchSize
        let workspace = NHITSWorkspace(architecture: architecture, maxBatch: batch, training: true)
        let x = FloatBuffer(count: batch * L), targets = FloatBuffer(count: batch * h)
        var centres: [(centre: Float, scale: Float)] = []
        var origins = [Int](repeating: 0, count: batch)
        var optimizer = Adam(parameterCount: network.layout.count)
        var learningRate = Float(options.learningRate)
        let decayEvery = options.learningRateDecays > 0 ? max(options.maxSteps / options.learningRateDecays, 1) : Int.max
        let checks = (options.maxSteps + options.validationInterval - 1) / options.validationInterval
        let state = { (parameters: [Float], training: NHITSState.TrainingRecord?) in
            NHITSState(settings: settings, architecture: architecture, intervalSeconds: series.interval, trainScaler: trainScaler,
                       parameters: parameters, training: training)
        }

        var best = (step: 0, check: 0, loss: Double.infinity, parameters: network.parameterValues)
        var stepsRun = 0, stoppedOnBudget = false
        var intervalLoss: Double = 0, intervalSteps = 0
        let started = hooks.now()
        var intervalStarted = started
        for step in 1...options.maxSteps {
            for i in 0..<batch { origins[i] = trainOrigins[Int(sampleRNG.next() % UInt64(trainOrigins.count))] }
            windows.gather(origins: origins, into: x.pointer, centres: &centres)
            windows.gatherTargets(origins: origins, steps: h, centres: centres, into: targets.pointer)
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

            let point = try NHITSInference.outputs(network: network, scaling: settings.scaling, trainScaler: trainScaler,
                                                   series: series, origins: validationOrigins, steps: h).map { $0[0] }
            let validation = meanAbsoluteError(point, series: series, origins: validationOrigins)
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
        return try FittedNHITS(state: state(best.parameters, record), history: series)
    }

    /// Mean |ŝ − s| over all origins and steps of the point paths.
    static func meanAbsoluteError(_ paths: [[Double]], series: RegularSeries, origins: [Int]) -> Double {
        var sum: Double = 0, count = 0
        for (path, t) in zip(paths, origins) {
            for (k, value) in path.enumerated() {
                sum += abs(value - series.values[t + 1 + k])
                count += 1
            }
        }
        return sum / Double(max(count, 1))
    }
}
