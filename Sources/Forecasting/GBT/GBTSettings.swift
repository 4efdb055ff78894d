/// What the boosters of one forecast step learn (docs/ARCHITECTURE.md, "gbt"):
/// `level` the value ŝ_{t+h} itself, `difference` the change ŝ_{t+h} − s_t from the last
/// value (level-relative, as the LSTM's targets), `auto` both, keeping per step the one
/// with the lower validation MAE.
public enum GBTTarget: String, Codable, Hashable, Sendable, CaseIterable {
    case level
    case difference
    case auto
}

/// What the point boosters minimise (`GBTObjective`): `absolute_error` (XGBoost's
/// `reg:absoluteerror`; XGBoost 1.7 does not scale its refreshed leaves by the learning
/// rate, so every round is a full step and early stopping ends after a few rounds),
/// `squared_error`, or `pseudo_huber` (slope `huber_slope`).
/// Early stopping and the target choice measure MAE whatever the loss.
public enum GBTPointLoss: String, Codable, Hashable, Sendable, CaseIterable {
    case absoluteError = "absolute_error"
    case squaredError = "squared_error"
    case pseudoHuber = "pseudo_huber"
}

/// Where the prediction intervals come from (docs/ARCHITECTURE.md, "gbt"): `conformal`
/// adds the split-conformal quantiles of the train-only point boosters' validation
/// residuals per step (`ResidualCalibration`, no further boosters); `quantile` trains one
/// pinball-loss booster per step and quantile (two per level), early-stopped and refitted
/// like the point boosters.
public enum GBTIntervalMethod: String, Codable, Hashable, Sendable, CaseIterable {
    case conformal
    case quantile
}

/// Settings of the gradient-boosted trees model (`gbt`): causal features, the boosting
/// parameters handed to XGBoost, early stopping, the refit and the interval levels.
/// JSON and YAML keys are snake_case; a key left out takes the default below (the one
/// place the defaults live).
///
/// Features of an origin t (values s_0 … s_t only) for the booster of step h:
/// lags s_{t−k+1} (k ∈ `lags`), differences s_t − s_{t−k} (k ∈ `differences`), rolling
/// mean and standard deviation of s_{t−w+1} … s_t (w ∈ `rollingWindows`), for each season
/// of m steps (`seasonSeconds` / D) the value one season before the target
/// s_{t+h−⌈h/m⌉m} and its change s_{t+h−⌈h/m⌉m} − s_{t−⌈h/m⌉m}, and with `calendar` the
/// hour of day and day of week of the target's timestamp. With `relativeInputs` the level
/// features other than lag 1 are taken relative to s_t.
public struct GBTSettings: Codable, Hashable, Sendable {
    /// Lags k ≥ 1 in steps: feature s_{t−k+1} (lag 1 is the last value).
    public var lags: [Int]
    /// Seasons in seconds (one day by default), turned into grid steps; each must be a
    /// whole number of steps.
    public var seasonSeconds: [Double]
    /// Windows w ≥ 2 in steps of the rolling mean and standard deviation of lag 1.
    public var rollingWindows: [Int]
    /// Spans k ≥ 1 of the differences s_t − s_{t−k}.
    public var differences: [Int]
    /// Hour of day and day of week of the target's timestamp.
    public var calendar: Bool
    /// Level-relative inputs: every level feature except lag 1 (the lags, rolling means and
    /// seasonal values) minus the last value s_t, so trees split on shapes, not on levels
    /// that validation and test may never have shown in training.
    public var relativeInputs: Bool
    public var target: GBTTarget
    /// The point boosters' loss.
    public var objective: GBTPointLoss
    /// δ of the pseudo-Huber loss, in the model's (scaled) units.
    public var huberSlope: Double
    /// Most boosting rounds per booster.
    public var maxRounds: Int
    public var learningRate: Double
    public var maxDepth: Int
    public var minChildWeight: Double
    /// Share of training rows each tree sees, in (0, 1].
    public var subsample: Double
    /// Stop when the validation loss has not improved for this many rounds (0: never;
    /// every booster then has `maxRounds` rounds).
    public var earlyStoppingRounds: Int
    /// Fit the boosters again on train + validation with the rounds early stopping chose.
    public var refit: Bool
    /// Central coverages of the prediction intervals, each in (0, 1): residual quantiles
    /// calibrated at each, or boosters for the (1 − c)/2 and (1 + c)/2 quantiles of each step.
    public var intervalLevels: [Double]
    /// How the intervals at `intervalLevels` are made: residual quantiles (`conformal`) or
    /// quantile boosters (`quantile`).
    public var intervalMethod: GBTIntervalMethod
    /// One booster per step up to this step; beyond it only the horizons' steps have
    /// boosters and the steps between are interpolated linearly.
    public var maxDirectSteps: Int
    /// Seed of XGBoost's row subsampling.
    public var seed: Int

    public init(
        lags: [Int] = Array(1...12) + [24],
        seasonSeconds: [Double] = [86_400],
        rollingWindows: [Int] = [6, 12, 48],
        differences: [Int] = [1, 3, 12],
        calendar: Bool = true,
        relativeInputs: Bool = true,
        target: GBTTarget = .difference,
        objective: GBTPointLoss = .pseudoHuber,
        huberSlope: Double = 0.05,
        maxRounds: Int = 400,
        learningRate: Double = 0.05,
        maxDepth: Int = 6,
        minChildWeight: Double = 1,
        subsample: Double = 1,
        earlyStoppingRounds: Int = 20,
        refit: Bool = true,
        intervalLevels: [Double] = [0.8, 0.95],
        intervalMethod: GBTIntervalMethod = .conformal,
        maxDirectSteps: Int = 1,
        seed: Int = 0
    ) {
        self.lags = lags
        self.seasonSeconds = seasonSeconds
        self.rollingWindows = rollingWindows
        self.differences = differences
        self.calendar = calendar
        self.relativeInputs = relativeInputs
        self.target = target
        self.objective = objective
        self.huberSlope = huberSlope
        self.maxRounds = maxRounds
        self.learningRate = learningRate
        self.maxDepth = maxDepth
        self.minChildWeight = minChildWeight
        self.subsample = subsample
        self.earlyStoppingRounds = earlyStoppingRounds
        self.refit = refit
        self.intervalLevels = intervalLevels
        self.intervalMethod = intervalMethod
        self.maxDirectSteps = maxDirectSteps
        self.seed = seed
    }

    enum CodingKeys: String, CodingKey {
        case lags, seasonSeconds = "season_seconds", rollingWindows = "rolling_windows", differences, calendar
        case relativeInputs = "relative_inputs", target, objective, huberSlope = "huber_slope"
        case maxRounds = "max_rounds", learningRate = "learning_rate", maxDepth = "max_depth"
        case minChildWeight = "min_child_weight", subsample, earlyStoppingRounds = "early_stopping_rounds", refit
        case intervalLevels = "interval_levels", intervalMethod = "interval_method", maxDirectSteps = "max_direct_steps", seed
    }

    /// Keys left out take their defaults.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = GBTSettings()
        lags = try c.decodeIfPresent([Int].self, forKey: .lags) ?? d.lags
        seasonSeconds = try c.decodeIfPresent([Double].self, forKey: .seasonSeconds) ?? d.seasonSeconds
        rollingWindows = try c.decodeIfPresent([Int].self, forKey: .rollingWindows) ?? d.rollingWindows
        differences = try c.decodeIfPresent([Int].self, forKey: .differences) ?? d.differences
        calendar = try c.decodeIfPresent(Bool.self, forKey: .calendar) ?? d.calendar
        relativeInputs = try c.decodeIfPresent(Bool.self, forKey: .relativeInputs) ?? d.relativeInputs
        target = try c.decodeIfPresent(GBTTarget.self, forKey: .target) ?? d.target
        objective = try c.decodeIfPresent(GBTPointLoss.self, forKey: .objective) ?? d.objective
        huberSlope = try c.decodeIfPresent(Double.self, forKey: .huberSlope) ?? d.huberSlope
        maxRounds = try c.decodeIfPresent(Int.self, forKey: .maxRounds) ?? d.maxRounds
        learningRate = try c.decodeIfPresent(Double.self, forKey: .learningRate) ?? d.learningRate
        maxDepth = try c.decodeIfPresent(Int.self, forKey: .maxDepth) ?? d.maxDepth
        minChildWeight = try c.decodeIfPresent(Double.self, forKey: .minChildWeight) ?? d.minChildWeight
        subsample = try c.decodeIfPresent(Double.self, forKey: .subsample) ?? d.subsample
        earlyStoppingRounds = try c.decodeIfPresent(Int.self, forKey: .earlyStoppingRounds) ?? d.earlyStoppingRounds
        refit = try c.decodeIfPresent(Bool.self, forKey: .refit) ?? d.refit
        intervalLevels = try c.decodeIfPresent([Double].self, forKey: .intervalLevels) ?? d.intervalLevels
        intervalMethod = try c.decodeIfPresent(GBTIntervalMethod.self, forKey: .intervalMethod) ?? d.intervalMethod
        maxDirectSteps = try c.decodeIfPresent(Int.self, forKey: .maxDirectSteps) ?? d.maxDirectSteps
        seed = try c.decodeIfPresent(Int.self, forKey: .seed) ?? d.seed
    }

    /// Throws the first setting outside its range, with its value.
    public func validate() throws(GBTError) {
        func bad(_ key: String, _ value: String, _ rule: String) -> GBTError { .invalidSetting(key: key, value: value, rule: rule) }
        if lags.isEmpty || lags.contains(where: { $0 < 1 }) { throw bad("lags", "\(lags)", "one or more lags ≥ 1") }
        if rollingWindows.contains(where: { $0 < 2 }) { throw bad("rolling_windows", "\(rollingWindows)", "windows ≥ 2") }
        if differences.contains(where: { $0 < 1 }) { throw bad("differences", "\(differences)", "spans ≥ 1") }
        if seasonSeconds.contains(where: { !($0 > 0) }) { throw bad("season_seconds", "\(seasonSeconds)", "seasons > 0 seconds") }
        if !(huberSlope > 0) { throw bad("huber_slope", "\(huberSlope)", "> 0") }
        if maxRounds < 1 { throw bad("max_rounds", "\(maxRounds)", "at least 1") }
        if !(learningRate > 0 && learningRate <= 1) { throw bad("learning_rate", "\(learningRate)", "in (0, 1]") }
        if maxDepth < 1 { throw bad("max_depth", "\(maxDepth)", "at least 1") }
        if !(minChildWeight >= 0) { throw bad("min_child_weight", "\(minChildWeight)", "at least 0") }
        if !(subsample > 0 && subsample <= 1) { throw bad("subsample", "\(subsample)", "in (0, 1]") }
        if earlyStoppingRounds < 0 { throw bad("early_stopping_rounds", "\(earlyStoppingRounds)", "at least 0") }
        if maxDirectSteps < 1 { throw bad("max_direct_steps", "\(maxDirectSteps)", "at least 1") }
        if let level = intervalLevels.first(where: { !($0 > 0 && $0 < 1) }) { throw bad("interval_levels", "\(level)", "coverages in (0, 1), e.g. 0.8") }
    }

    /// The quantiles the interval boosters learn, ascending: (1 − c)/2 and (1 + c)/2 for
    /// each level c; none with `conformal` intervals.
    public var quantiles: [Double] {
        guard intervalMethod == .quantile else { return [] }
        return Array(Set(intervalLevels.flatMap { [(1 - $0) / 2, (1 + $0) / 2] })).sorted()
    }
}
