/// The `sweep:` block of a `kind: train` stage, typed: how trials are chosen, how many
/// run, what they optimise and when a trial is stopped early. The runner draws trial k's
/// parameters with `sampler().suggest(space:history:trialNumber:)`, sets them on the
/// stage's config (`space` names config key paths), trains, reads `objective.metric`
/// from the run and, with `pruning`, asks `shouldPrune` after every epoch.
public struct SweepSpec: Sendable, Hashable {
    public enum Method: String, CaseIterable, Sendable, Hashable, Codable {
        case grid, random, tpe
    }

    public var method: Method
    public var seed: UInt64
    public var space: SearchSpace
    public var budget: SweepBudget
    public var objective: SweepObjective
    public var pruning: SuccessiveHalvingPruner?
    /// For `tpe`: one joint estimator over the parameters (the default, as Optuna's) or
    /// one per parameter (`sweep.multivariate: false`); ignored by grid and random.
    public var multivariate: Bool
    /// Claims a trial gets (`max_attempts`, default 3): a trial whose worker died in each of
    /// them (killed, out of memory) is not requeued again but ends `failed` with the reason.
    public var maxAttempts: Int

    /// `max_attempts` when the spec leaves it out.
    public static let defaultMaxAttempts = 3

    public init(method: Method, seed: UInt64, space: SearchSpace, budget: SweepBudget, objective: SweepObjective,
                pruning: SuccessiveHalvingPruner? = nil, multivariate: Bool = true, maxAttempts: Int = SweepSpec.defaultMaxAttempts) {
        self.method = method
        self.seed = seed
        self.space = space
        self.budget = budget
        self.objective = objective
        self.pruning = pruning
        self.multivariate = multivariate
        self.maxAttempts = maxAttempts
    }

    /// The sampler of `method` with `seed` (TPE with our defaults, `TPESampler(seed:)`,
    /// multivariate or not as `multivariate` says).
    public func sampler() -> any SweepSampler {
        switch method {
        case .grid: GridSampler(seed: seed)
        case .random: RandomSampler(seed: seed)
        case .tpe: TPESampler(seed: seed, multivariate: multivariate)
        }
    }

    /// The number of trials the sweep runs at most: `budget.trials`, capped by the grid's
    /// size for grid search; nil when only a time budget bounds it.
    public func maximumTrials() throws(SamplerError) -> Int? {
        budget.maximumTrials(gridTotal: method == .grid ? try GridSampler.total(of: space) : nil)
    }
}
