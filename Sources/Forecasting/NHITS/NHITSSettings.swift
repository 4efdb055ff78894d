/// Settings of the `nhits` model, an N-HiTS-style network (Challu et al. 2023) trained on
/// the CPU with our kernels. Defaults follow neuralforecast's `NHITS` where they apply
/// (input 48 steps, 3 stacks × 1 block, pool kernels [2, 2, 1], frequency downsample
/// [4, 2, 1], ReLU, Adam at 1e-3 halved 3 times, robust scaling per window), with a
/// narrower MLP (2 layers of 256 instead of 512: see docs/ARCHITECTURE.md, "nhits").
///
/// The horizons are the evaluation's (`horizonMinutes`, set by the catalog from the
/// context); the network forecasts every step up to the longest one directly.
public struct NHITSSettings: Codable, Hashable, Sendable {
    /// L, grid steps of the input window.
    public var inputSteps: Int
    /// Horizons in minutes; the network outputs all h = max horizon steps.
    public var horizonMinutes: [Double]
    /// Per block (one block per stack), the max-pool kernel k_b (stride k_b, ceil mode).
    public var poolKernelSizes: [Int]
    /// Per block, the frequency downsample f_b: the block emits max(⌊h / f_b⌋, 1) knots
    /// per output, interpolated linearly to the h steps.
    public var downsampleFactors: [Int]
    /// H, width of each hidden layer of a block's MLP.
    public var hiddenSize: Int
    /// Number of Linear + ReLU layers of a block's MLP (≥ 1).
    public var hiddenLayers: Int
    /// How each window is scaled before the network sees it.
    public var scaling: NHITSScaling
    /// Coverages c of the central intervals; the network has one output per quantile
    /// (1 − c)/2 and (1 + c)/2, trained with the pinball loss.
    public var levels: [Double]
    public var training: NHITSTrainingOptions

    public init(inputSteps: Int = 48, horizonMinutes: [Double] = [5, 15, 30], poolKernelSizes: [Int] = [2, 2, 1],
                downsampleFactors: [Int] = [4, 2, 1], hiddenSize: Int = 256, hiddenLayers: Int = 2,
                scaling: NHITSScaling = .robustWindow, levels: [Double] = [0.8, 0.95],
                training: NHITSTrainingOptions = NHITSTrainingOptions()) {
        self.inputSteps = inputSteps
        self.horizonMinutes = horizonMinutes
        self.poolKernelSizes = poolKernelSizes
        self.downsampleFactors = downsampleFactors
        self.hiddenSize = hiddenSize
        self.hiddenLayers = hiddenLayers
        self.scaling = scaling
        self.levels = levels
        self.training = training
    }

    /// h, the longest horizon in grid steps of `interval` seconds (each horizon must be a
    /// whole number ≥ 1 of steps).
    public func horizonSteps(interval: Double) throws(NHITSError) -> Int {
        var longest = 0
        for minutes in horizonMinutes {
            let exact = minutes * 60 / interval
            guard exact >= 1, exact == exact.rounded() else {
                throw .notWholeSteps(minutes: minutes, intervalSeconds: interval)
            }
            longest = max(longest, Int(exact))
        }
        guard longest >= 1 else { throw .invalidSetting(key: "horizonMinutes", value: "\(horizonMinutes)", advice: "give at least one horizon, e.g. [5, 15, 30]") }
        return longest
    }

    /// The network's shapes for a grid of `interval` seconds; throws on settings that
    /// describe no network.
    public func architecture(interval: Double) throws(NHITSError) -> NHITSArchitecture {
        try check()
        return NHITSArchitecture(inputSteps: inputSteps, horizonSteps: try horizonSteps(interval: interval),
                                 outputs: 1 + 2 * levels.count, hiddenSize: hiddenSize, hiddenLayers: hiddenLayers,
                                 poolKernelSizes: poolKernelSizes, downsampleFactors: downsampleFactors)
    }

    /// Throws `invalidSetting` naming the first value that describes no network.
    public func check() throws(NHITSError) {
        func bad(_ key: String, _ value: Any, _ advice: String) -> NHITSError { .invalidSetting(key: key, value: "\(value)", advice: advice) }
        guard inputSteps >= 1 else { throw bad("inputSteps", inputSteps, "use an input window of at least 1 step, e.g. 48") }
        guard !poolKernelSizes.isEmpty, poolKernelSizes.count == downsampleFactors.count else {
            throw bad("poolKernelSizes", poolKernelSizes, "give one pool kernel and one downsample factor per stack, e.g. [2, 2, 1] and [4, 2, 1]")
        }
        guard poolKernelSizes.allSatisfy({ $0 >= 1 }) else { throw bad("poolKernelSizes", poolKernelSizes, "use kernels ≥ 1") }
        guard downsampleFactors.allSatisfy({ $0 >= 1 }) else { throw bad("downsampleFactors", downsampleFactors, "use factors ≥ 1") }
        guard hiddenSize >= 1 else { throw bad("hiddenSize", hiddenSize, "use at least 1 hidden unit, e.g. 256") }
        guard hiddenLayers >= 1 else { throw bad("hiddenLayers", hiddenLayers, "use at least 1 hidden layer, e.g. 2") }
        guard levels.allSatisfy({ $0 > 0 && $0 < 1 }), Set(levels).count == levels.count else {
            throw bad("levels", levels, "give distinct coverages in (0, 1), e.g. [0.8, 0.95]")
        }
        try training.check()
    }

    /// τ of every quantile output, ascending: (1 − c)/2 for the levels from widest to
    /// narrowest, then (1 + c)/2 from narrowest to widest. [0.8, 0.95] → [0.025, 0.1, 0.9, 0.975].
    public var quantiles: [Double] {
        let sorted = levels.sorted()
        return sorted.reversed().map { (1 - $0) / 2 } + sorted.map { (1 + $0) / 2 }
    }
}

/// How a window is scaled before the network sees it (the outputs are scaled back).
///
/// - `robustWindow`: per window, x̃ = (x − median)/(MAD + 1e-6) with MAD = median|x − median|
///   of the L input values (0 → 0.6745·std → 1), as neuralforecast's `scaler_type='robust'`;
///   the targets use the window's own statistics.
/// - `robustTrain`: one median and inter-quartile range of the train part for all windows.
/// - `none`: the values as they come (min-max scaled on train by the protocol).
public enum NHITSScaling: String, Codable, Hashable, Sendable, CaseIterable {
    case robustWindow = "robust_window"
    case robustTrain = "robust_train"
    case none
}

/// How the network is trained: Adam on random batches of train windows, validation MAE
/// every `validationInterval` steps, early stopping after `patience` checks without
/// improvement (the best check's weights are kept).
public struct NHITSTrainingOptions: Codable, Hashable, Sendable {
    public var learningRate: Double
    /// The learning rate is halved `learningRateDecays` times, every ⌊maxSteps / decays⌋ steps.
    public var learningRateDecays: Int
    /// Windows per optimiser step, drawn with replacement from the train windows.
    public var batchSize: Int
    public var maxSteps: Int
    /// Optimiser steps between validation checks.
    public var validationInterval: Int
    /// Checks without a better validation MAE before training stops.
    public var patience: Int
    /// At most this many validation windows, evenly spaced (nil: all).
    public var validationSamples: Int?
    /// Wall-clock budget in minutes (by `TrainingHooks.now`) for all members together; nil: none.
    public var maxMinutes: Double?
    public var seed: UInt64
    /// M, networks trained from seeds seed, seed + 1, …, seed + M − 1, whose outputs are
    /// averaged (M = 3 was better than 1 at every horizon on the development series' validation
    /// parts, within the time target; see docs/ARCHITECTURE.md, "nhits"). Absent in settings
    /// written before it existed, which read as 1.
    public var members: Int

    public init(learningRate: Double = 1e-3, learningRateDecays: Int = 3, batchSize: Int = 256, maxSteps: Int = 1000,
                validationInterval: Int = 50, patience: Int = 5, validationSamples: Int? = 2048,
                maxMinutes: Double? = nil, seed: UInt64 = 1, members: Int = 3) {
        self.learningRate = learningRate
        self.learningRateDecays = learningRateDecays
        self.batchSize = batchSize
        self.maxSteps = maxSteps
        self.validationInterval = validationInterval
        self.patience = patience
        self.validationSamples = validationSamples
        self.maxMinutes = maxMinutes
        self.seed = seed
        self.members = members
    }

    enum CodingKeys: String, CodingKey {
        case learningRate, learningRateDecays, batchSize, maxSteps, validationInterval, patience, validationSamples
        case maxMinutes, seed, members
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        learningRate = try c.decode(Double.self, forKey: .learningRate)
        learningRateDecays = try c.decode(Int.self, forKey: .learningRateDecays)
        batchSize = try c.decode(Int.self, forKey: .batchSize)
        maxSteps = try c.decode(Int.self, forKey: .maxSteps)
        validationInterval = try c.decode(Int.self, forKey: .validationInterval)
        patience = try c.decode(Int.self, forKey: .patience)
        validationSamples = try c.decodeIfPresent(Int.self, forKey: .validationSamples)
        maxMinutes = try c.decodeIfPresent(Double.self, forKey: .maxMinutes)
        seed = try c.decode(UInt64.self, forKey: .seed)
        members = try c.decodeIfPresent(Int.self, forKey: .members) ?? 1
    }

    func check() throws(NHITSError) {
        func bad(_ key: String, _ value: Any, _ advice: String) -> NHITSError { .invalidSetting(key: "training.\(key)", value: "\(value)", advice: advice) }
        guard learningRate > 0, learningRate.isFinite else { throw bad("learningRate", learningRate, "use a positive rate, e.g. 0.001") }
        guard learningRateDecays >= 0 else { throw bad("learningRateDecays", learningRateDecays, "use 0 or more halvings") }
        guard batchSize >= 1 else { throw bad("batchSize", batchSize, "use at least 1 window per step, e.g. 256") }
        guard maxSteps >= 1 else { throw bad("maxSteps", maxSteps, "train at least 1 step, e.g. 1000") }
        guard validationInterval >= 1 else { throw bad("validationInterval", validationInterval, "check at least every step") }
        guard patience >= 1 else { throw bad("patience", patience, "use at least 1 check") }
        guard members >= 1 else { throw bad("members", members, "train at least 1 network, e.g. 3") }
    }
}
