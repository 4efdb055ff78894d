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
    ///
    /// With `members` = M > 1 this trains M networks on the same windows from seeds
    /// seed, seed + 1, …, seed + M − 1 (each with its own early stopping; their checks are
    /// numbered on, member after member), and the model forecasts the mean of their outputs.
    public static func fit(settings: NHITSSettings, series: RegularSeries, trainCount: Int, hooks: TrainingHooks) throws -> FittedNHITS {
        try fitGlobal(settings: settings, series: [series], trainCounts: [trainCount], hooks: hooks)[0]
    }

    /// `fit` across several series at once (global training, `GlobalForecaster`): one
    /// network trained on the train windows of every series (`NHITSSampleSet`; each step
    /// draws its windows uniformly with replacement from all of them), early-stopped on the
    /// mean over series of each series' validation MAE ÷ the naive forecast's (`validationError`). Returns
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
        let samples = try NHITSSampleSet(series: series, trainCounts: trainCounts, settings: settings, architecture: architecture)

        let members = options.members
        let checks = (options.maxSteps + options.validationInterval - 1) / options.validationInterval
        var parameters: [Float] = [], records: [NHITSState.TrainingRecord] = []
        let started = hooks.now()
        for k in 0..<members {
            let member = try trainMember(seed: options.seed &+ UInt64(k), settings: settings, architecture: architecture,
                                         samples: samples, series: series, hooks: hooks, started: started,
                                         checksBefore: k * checks, checksInAll: members * checks)
            parameters += member.parameters
            records.append(member.record)
            // Stopped from outside or on the time budget: the members trained so far are the model.
            if member.interrupted { break }
        }
        let first = records[0]
        hooks.events(.finished(bestEpoch: (first.bestStep + options.validationInterval - 1) / options.validationInterval, bestValidationLoss: first.bestValidationLoss,
                               epochsRun: records.reduce(0) { $0 + ($1.stepsRun + options.validationInterval - 1) / options.validationInterval }))
        return try series.indices.map { i in
            let state = NHITSState(settings: settings, architecture: architecture, intervalSeconds: interval,
                                   trainScaler: samples.trainScalers[i], members: records.count, parameters: parameters, training: first,
                                   memberTraining: records.count > 1 ? records : nil)
            return try FittedNHITS(state: state, history: series[i])
        }
    }

    /// Trains one network from `seed` (the loop described at `fit`) and returns the kept θ, its
    /// record, and whether `hooks.shouldStop` or the budget (counted from `started`) ended it.
    /// Its checks are the `TrainingHooks` epochs `checksBefore` + 1, … of `checksInAll`.
    static func trainMember(seed: UInt64, settings: NHITSSettings, architecture: NHITSArchitecture, samples: NHITSSampleSet,
                            series: [RegularSeries], hooks: TrainingHooks, started: Double, checksBefore: Int,
                            checksInAll checks: Int) throws -> (parameters: [Float], record: NHITSState.TrainingRecord, interrupted: Bool) {
        let options = settings.training
        let L = architecture.inputSteps, h = architecture.horizonSteps
        let quantiles = settings.quantiles.map(Float.init)
        var root = SplitMix64(seed: seed)
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

        var best = (step: 0, check: 0, loss: Double.infinity, parameters: network.parameterValues)
        var stepsRun = 0, stoppedOnBudget = false, stoppedFromOutside = false
        var intervalLoss: Double = 0, intervalSteps = 0
        var intervalStarted = checksBefore == 0 ? started : hooks.now()
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
            let epoch = checksBefore + check
            hooks.events(.batch(epoch: epoch, batch: intervalSteps, batches: options.validationInterval, loss: loss))
            guard step % options.validationInterval == 0 || step == options.maxSteps else { continue }

            let validation = try validationError(network: network, settings: settings, samples: samples, series: series, steps: h)
            guard validation.isFinite else { throw NHITSError.nonFiniteLoss(step: step) }
            let improved = validation < best.loss
            if improved { best = (step, check, validation, network.parameterValues) }
            let now = hooks.now()
            let summary = LSTMEpochSummary(
                epoch: epoch, epochs: checks, trainLoss: [intervalLoss / Double(intervalSteps)],
                trainTotal: intervalLoss / Double(intervalSteps), validationLoss: [validation], validationTotal: validation,
                learningRate: Double(learningRate), seconds: now - intervalStarted, improved: improved)
            hooks.events(.epoch(summary))
            intervalLoss = 0
            intervalSteps = 0
            if check - best.check >= options.patience { break }
            if hooks.shouldStop(summary) {
                stoppedFromOutside = true
                break
            }
            if let budget = options.maxMinutes, step < options.maxSteps, now - started + summary.seconds > budget * 60 {
                stoppedOnBudget = true
                hooks.events(.stoppedOnBudget(minutes: budget, epochsRun: epoch, bestEpoch: checksBefore + best.check))
                break
            }
            intervalStarted = now
        }
        let record = NHITSState.TrainingRecord(bestStep: best.step, stepsRun: stepsRun, bestValidationLoss: best.loss,
                                               stoppedOnBudget: stoppedOnBudget ? true : nil)
        return (best.parameters, record, stoppedOnBudget || stoppedFromOutside)
    }

    /// The early-stopping criterion. One series: Σ |ŝ − s| / count over the point paths of its
    /// validation origins (all h steps), in model units. Several series (global training):
    /// (1/S) Σ_i MAE_i / naive_i, each series' MAE relative to the naive forecast's on the same
    /// windows (`NHITSSampleSet.naiveValidationMAE`), so that no series weighs more for having
    /// larger errors in its min-max units.
    static func validationError(network: NHITSNetwork, settings: NHITSSettings, samples: NHITSSampleSet,
                                series: [RegularSeries], steps h: Int) throws -> Double {
        var relative: Double = 0
        var sum: Double = 0, count = 0
        for (i, origins) in samples.validation.enumerated() {
            let paths = try NHITSInference.outputs(networks: [network], scaling: settings.scaling, trainScaler: samples.trainScalers[i],
                                                   series: series[i], origins: origins, steps: h)
            var seriesSum: Double = 0, seriesCount = 0
            for (outputs, t) in zip(paths, origins) {
                for (k, value) in outputs[0].enumerated() {
                    seriesSum += abs(value - series[i].values[t + 1 + k])
                    seriesCount += 1
                }
            }
            sum += seriesSum
            count += seriesCount
            relative += seriesSum / Double(max(seriesCount, 1)) / samples.naiveValidationMAE[i]
        }
        return series.count == 1 ? sum / Double(max(count, 1)) : relative / Double(series.count)
    }
}
