import Series

/// Everything that defines an LSTM forecaster before it sees data: the window and
/// horizons in minutes (turned into steps by the series' interval), the features, the
/// network shape and the training procedure. Defaults are the reference design of
/// EVALUATION.md §7 except for the level fix, chosen on the development series
/// (bench-lstm --dev): `level` `.relativeToLast` with the robust `levelScale` `.mad`,
/// Huber loss (δ = 1 in σ_Δ units) instead of MSE, gradient clipping at norm 1, and
/// validation-fitted shrinkage toward the last value. `.absolute` + `.mse` +
/// `shrinkOnValidation: false` + `clipNorm: nil` is the reference design itself.
public struct LSTMConfiguration: Codable, Sendable, Hashable {
    public var windowMinutes: Double
    /// The window as a number of grid steps, used instead of `windowMinutes` when set (a
    /// per-metric config's `data.window_size`); nil in artifacts written before it existed.
    public var windowSteps: Int?
    public var horizonMinutes: [Double]
    public var features: LSTMFeatureSpec
    public var level: LevelMode
    public var levelScale: ScaleEstimator
    public var hiddenSize: Int
    public var layers: Int
    public var bidirectional: Bool
    public var dropout: Double
    public var headHidden: Int
    public var headDropout: Double
    public var training: LSTMTrainingOptions
    /// Longest sequence the network reads: a window of L > `maxInputSteps` grid steps is
    /// read as S = ⌈L / k⌉ block means of k = ⌈L / maxInputSteps⌉ steps each (`LSTMInputs`),
    /// so the recurrence runs S steps instead of L. nil (artifacts written before it
    /// existed) = every step.
    public var maxInputSteps: Int?
    /// Where the prediction intervals come from: split-conformal residual quantiles
    /// (`conformal`, the default) or quantile outputs of every head trained with the pinball
    /// loss (`quantile`, `LSTMQuantileLayout`). Absent in settings written before it existed,
    /// which read as `conformal`.
    public var intervals: LSTMIntervalMethod
    /// Coverages c of the quantile heads' central intervals, each in (0, 1): the heads
    /// output the (1 − c)/2 and (1 + c)/2 quantiles of each. Used by `quantile` intervals only.
    public var intervalLevels: [Double]

    public init(
        windowMinutes: Double = 60, horizonMinutes: [Double] = [5, 15, 30], features: LSTMFeatureSpec = .init(),
        level: LevelMode = .relativeToLast, levelScale: ScaleEstimator = .medianAbsoluteDeviation, hiddenSize: Int = 128, layers: Int = 2, bidirectional: Bool = true,
        dropout: Double = 0.3, headHidden: Int = 64, headDropout: Double = 0.3, training: LSTMTrainingOptions = .init(),
        windowSteps: Int? = nil, maxInputSteps: Int? = LSTMConfiguration.defaultMaxInputSteps,
        intervals: LSTMIntervalMethod = .conformal, intervalLevels: [Double] = [0.8, 0.95]
    ) {
        self.intervals = intervals
        self.intervalLevels = intervalLevels
        self.maxInputSteps = maxInputSteps
        self.windowMinutes = windowMinutes
        self.windowSteps = windowSteps
        self.horizonMinutes = horizonMinutes
        self.features = features
        self.level = level
        self.levelScale = levelScale
        self.hiddenSize = hiddenSize
        self.layers = layers
        self.bidirectional = bidirectional
        self.dropout = dropout
        self.headHidden = headHidden
        self.headDropout = headDropout
        self.training = training
    }

    /// L = window / D (or `windowSteps`) and h_k = minutes_k / D, which must be whole
    /// numbers of steps.
    public func steps(interval: Double) throws(LSTMError) -> (window: Int, horizons: [Int]) {
        func count(_ minutes: Double, _ what: String) throws(LSTMError) -> Int {
            let exact = minutes * 60 / interval
            guard exact >= 1, exact == exact.rounded() else {
                throw .notWholeSteps(what: what, minutes: minutes, intervalSeconds: interval)
            }
            return Int(exact)
        }
        let window: Int
        if let windowSteps { window = windowSteps } else { window = try count(windowMinutes, "window") }
        var horizons: [Int] = []
        for m in horizonMinutes { horizons.append(try count(m, "horizon")) }
        return (window, horizons)
    }

    /// The default `maxInputSteps`: 64, so a 60-minute window at 15 s (240 steps) is read as
    /// 60 one-minute means, while windows of 5-minute data (12 steps) are read step by step.
    public static let defaultMaxInputSteps = 64

    /// k, the grid steps per network step for a window of `window` steps: ⌈L / maxInputSteps⌉, at least 1.
    public func inputStep(window: Int) -> Int {
        guard let maxInputSteps, maxInputSteps >= 1, window > maxInputSteps else { return 1 }
        return (window + maxInputSteps - 1) / maxInputSteps
    }

    /// The heads' quantile layout of `quantile` intervals (nil with `conformal`); throws
    /// `LSTMError.invalidIntervalLevels` for levels that are not distinct coverages in (0, 1).
    public func quantileLayout() throws(LSTMError) -> LSTMQuantileLayout? {
        intervals == .quantile ? try LSTMQuantileLayout(levels: intervalLevels) : nil
    }

    /// Head k outputs O·h_k values (O = `quantiles.outputsPerStep`, 1 without quantiles).
    public func architecture(inputSize: Int, horizons: [Int], quantiles: LSTMQuantileLayout? = nil) -> LSTMArchitecture {
        let blocks = quantiles?.outputsPerStep ?? 1
        return LSTMArchitecture(inputSize: inputSize, hiddenSize: hiddenSize, layers: layers, bidirectional: bidirectional,
                                dropout: dropout, headHidden: headHidden, headDropout: headDropout,
                                headOutputs: horizons.map { $0 * blocks })
    }

    enum CodingKeys: String, CodingKey {
        case windowMinutes, windowSteps, horizonMinutes, features, level, levelScale, hiddenSize, layers, bidirectional
        case dropout, headHidden, headDropout, training, maxInputSteps, intervals, intervalLevels
    }

    /// A key left out takes the default of `init()` (the one place the defaults live), except
    /// `windowSteps` and `maxInputSteps`, whose absence means nil (settings written before
    /// they existed): so `{"intervals": "quantile"}` is the default LSTM with quantile heads,
    /// and every stored configuration reads as it was written.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = LSTMConfiguration()
        windowMinutes = try c.decodeIfPresent(Double.self, forKey: .windowMinutes) ?? d.windowMinutes
        windowSteps = try c.decodeIfPresent(Int.self, forKey: .windowSteps)
        horizonMinutes = try c.decodeIfPresent([Double].self, forKey: .horizonMinutes) ?? d.horizonMinutes
        features = try c.decodeIfPresent(LSTMFeatureSpec.self, forKey: .features) ?? d.features
        level = try c.decodeIfPresent(LevelMode.self, forKey: .level) ?? d.level
        levelScale = try c.decodeIfPresent(ScaleEstimator.self, forKey: .levelScale) ?? d.levelScale
        hiddenSize = try c.decodeIfPresent(Int.self, forKey: .hiddenSize) ?? d.hiddenSize
        layers = try c.decodeIfPresent(Int.self, forKey: .layers) ?? d.layers
        bidirectional = try c.decodeIfPresent(Bool.self, forKey: .bidirectional) ?? d.bidirectional
        dropout = try c.decodeIfPresent(Double.self, forKey: .dropout) ?? d.dropout
        headHidden = try c.decodeIfPresent(Int.self, forKey: .headHidden) ?? d.headHidden
        headDropout = try c.decodeIfPresent(Double.self, forKey: .headDropout) ?? d.headDropout
        training = try c.decodeIfPresent(LSTMTrainingOptions.self, forKey: .training) ?? d.training
        maxInputSteps = try c.decodeIfPresent(Int.self, forKey: .maxInputSteps)
        intervals = try c.decodeIfPresent(LSTMIntervalMethod.self, forKey: .intervals) ?? d.intervals
        intervalLevels = try c.decodeIfPresent([Double].self, forKey: .intervalLevels) ?? d.intervalLevels
    }
}

/// How inputs and targets are placed relative to the level of the series.
///
/// - `absolute`: the reference design — features and targets are the train-scaled
///   values themselves. It fails when the test level leaves the training range (the
///   network has never seen such inputs; TARGETS.md §1).
/// - `relativeToLast`: every level-type feature (value, rolling mean/min/max, lags) is
///   taken relative to the window's last value s_t, and level-free ones (diff, rolling
///   std) are kept; both are divided by σ_Δ, the standard deviation of the training
///   part's first differences. Targets are (s_{t+j} − s_t)/σ_Δ, and a forecast is
///   ŝ_{t+j} = s_t + σ_Δ·ŷ_j. The network thus predicts a change from the naive forecast,
///   which is invariant to any shift of the level.
public enum LevelMode: String, Codable, Sendable, Hashable {
    case absolute
    case relativeToLast = "relative_to_last"
}

/// Which feature columns feed the network: the 8 reference features of EVALUATION.md §7
/// (always built), optional lags and rolling statistics, and an optional subset by name.
public struct LSTMFeatureSpec: Codable, Sendable, Hashable {
    public var lags: [Int]
    /// Rolling statistics as (statistic name, width), e.g. ("max", 24).
    public var rolling: [RollingColumn]
    /// Column names to keep, in this order; nil keeps every built column.
    public var columns: [String]?

    public struct RollingColumn: Codable, Sendable, Hashable {
        public var statistic: String
        public var width: Int
        public init(statistic: String, width: Int) { self.statistic = statistic; self.width = width }
    }

    public init(lags: [Int] = [], rolling: [RollingColumn] = [], columns: [String]? = nil) {
        self.lags = lags
        self.rolling = rolling
        self.columns = columns
    }

    /// The `Series` spec that builds the columns.
    func seriesSpec() throws -> FeatureSpec {
        let rolling = try self.rolling.map { column in
            guard let statistic = RollingStatistic(rawValue: column.statistic) else {
                throw LSTMError.unknownFeature(name: column.statistic, known: RollingStatistic.allCases.map(\.rawValue))
            }
            return RollingFeature(statistic, width: column.width)
        }
        return try FeatureSpec(lags: lags, rolling: rolling)
    }
}

public enum LSTMOptimizer: String, Codable, Sendable, Hashable {
    case adam, sgd, rmsprop
}

/// The training procedure (the loop is `LSTMTrainer.fit`).
public struct LSTMTrainingOptions: Codable, Sendable, Hashable {
    public var epochs: Int
    public var batchSize: Int
    public var learningRate: Double
    public var optimizer: LSTMOptimizer
    /// SGD momentum μ (ignored by Adam and RMSprop).
    public var momentum: Double
    public var weightDecay: Double
    /// Gradient-norm clipping threshold; nil = no clipping.
    public var clipNorm: Double?
    public var loss: LSTMLoss
    /// One weight per horizon; nil = 1.0 / 1.5 / 1.0 for three horizons, else all 1.
    public var horizonWeights: [Double]?
    /// After training (level-relative mode only), shrink each output toward the last value
    /// by a factor fitted on the validation samples (`LSTMInference.shrinkageFactors`).
    public var shrinkOnValidation: Bool
    /// Early stopping: stop after this many epochs without a lower validation loss.
    public var patience: Int
    /// Reduce-on-plateau: halve the learning rate after this many epochs without
    /// improvement; nil = constant rate.
    public var plateauPatience: Int?
    public var seed: UInt64
    /// Train on at most this many windows per epoch: each epoch reshuffles all training
    /// origins (seeded) and uses the first ones, so successive epochs see different windows.
    /// nil or ≥ the number of origins = all of them (the order and result are then exactly
    /// those of training on all windows).
    public var samplesPerEpoch: Int?
    /// Score validation (early stopping, the shrinkage fit) on at most this many origins,
    /// evenly spaced over the validation part (every ⌈n/m⌉-th); nil = all.
    public var validationSamples: Int?
    /// Wall-clock budget for the epochs in minutes (by `TrainingHooks.now`): when another
    /// epoch as long as the last one would end past it, training stops, keeps the best
    /// epoch's weights and reports `.stoppedOnBudget`. nil = no budget. Only a budget makes
    /// training depend on timing.
    public var maxMinutes: Double?

    public init(
        epochs: Int = 100, batchSize: Int = 32, learningRate: Double = 1e-3, optimizer: LSTMOptimizer = .adam,
        momentum: Double = 0.9, weightDecay: Double = 0, clipNorm: Double? = 1.0, loss: LSTMLoss = .huber(delta: 1),
        horizonWeights: [Double]? = nil, shrinkOnValidation: Bool = true, patience: Int = 15, plateauPatience: Int? = nil, seed: UInt64 = 42,
        samplesPerEpoch: Int? = LSTMTrainingOptions.defaultSamplesPerEpoch,
        validationSamples: Int? = LSTMTrainingOptions.defaultValidationSamples,
        maxMinutes: Double? = nil
    ) {
        self.samplesPerEpoch = samplesPerEpoch
        self.validationSamples = validationSamples
        self.maxMinutes = maxMinutes
        self.epochs = epochs
        self.batchSize = batchSize
        self.learningRate = learningRate
        self.optimizer = optimizer
        self.momentum = momentum
        self.weightDecay = weightDecay
        self.clipNorm = clipNorm
        self.loss = loss
        self.horizonWeights = horizonWeights
        self.shrinkOnValidation = shrinkOnValidation
        self.patience = patience
        self.plateauPatience = plateauPatience
        self.seed = seed
    }

    /// Default `samplesPerEpoch` (see docs/ARCHITECTURE.md, "LSTM training time").
    public static let defaultSamplesPerEpoch = 8192
    /// Default `validationSamples`.
    public static let defaultValidationSamples = 2048

    func weights(horizons: Int) -> [Float] {
        if let horizonWeights, horizonWeights.count == horizons { return horizonWeights.map(Float.init) }
        return horizons == 3 ? [1, 1.5, 1] : [Float](repeating: 1, count: horizons)
    }
}
