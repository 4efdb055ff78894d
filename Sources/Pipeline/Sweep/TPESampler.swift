import Foundation
import Kernels

/// Tree-structured Parzen Estimator (Bergstra et al. 2011) after Optuna 5.1's `TPESampler`
/// for one objective: multivariate (`multivariate: true`, one joint estimator over all
/// parameters, Falkner et al. 2018's product kernels) or univariate (`multivariate: false`,
/// one estimator per parameter). `TPESampler.optuna(seed:)` is Optuna's default sampler;
/// `TPESampler(seed:)`, the default, differs from it in settings of l(x) that find better
/// values within 50 trials (Benchmarks/README.md, "Sweep samplers"; chosen on seeds
/// 100–499, checked on 500–899): multivariate, l weighs its trials by rank (`rankWeighting`) and its kernels
/// may be narrower (`belowBandwidth`: clip floor (H − L)/min(100, 3·(n + 2)), reals'
/// widths × 0.7); univariate, only the clip's floor is lower, (H − L)/min(100, 2·(n + 2)).
///
/// For trial k with history H (complete and pruned trials; failed ones are ignored):
///
/// 1. While |H| < `startupTrials` (10), draw as `RandomSampler` does.
/// 2. Split H: the γ(n) = min(⌈β·n⌉, 25) best trials (n = |H|, β = `gammaFraction`, 0.1)
///    are "below", the rest "above". Complete trials rank by value (lower is better);
///    pruned trials come after every complete one, the deepest first (larger
///    `lastStep`), then by value, and a pruned trial without a step last (Optuna's
///    `_get_pruned_trial_score`).
/// 3. Fit a Parzen estimator l(x) to the below trials' values and g(x) to the above
///    trials', each trial in trial-number order with weight w(m) for m observations: 1
///    each for m < 25, else a ramp linspace(1/m, 1, m − 25) for the oldest followed by 25
///    ones (Optuna's `default_weights`), plus the prior of weight `priorWeight` (1). With
///    `rankWeighting`, l's weight of its r-th best trial (r = 0, 1, …) of m is multiplied
///    by (m − r)/m, so the best trial's kernel is drawn most. The kernels' widths follow
///    `belowBandwidth` in l and `aboveBandwidth` in g (`ParzenBandwidth`). Multivariate:
///    x is the vector of all parameters that can take more than one value, and l, g are
///    mixtures of product kernels (`JointParzenEstimator`); univariate: one l and g per
///    parameter (`ParzenEstimator`).
/// 4. Draw `candidates` (24) candidates from l and keep the one with the largest
///    log l(x) − log g(x), which maximises the expected improvement
///    EI(x) ∝ (γ + (1 − γ)·g(x)/l(x))⁻¹. Multivariate, the score is the joint one, so
///    the parameters are chosen together.
///
/// Reals on a log scale are modelled in log space; integers as discretised truncated
/// normals (mass of [x − ½, x + ½], in log space for a log `int`); categories by smoothed
/// counts. A trial without a usable value for a parameter (missing, wrong type, out of
/// range) is left out of that parameter's estimators (univariate) or out of the joint
/// estimators (multivariate), as Optuna leaves out trials that lack a parameter of the
/// search space. Optuna's constant liar does nothing here: the history holds finished
/// trials only. Randomness: one generator per (seed, trial, parameter) for the start-up
/// draws and the univariate estimators, one per (seed, trial) for the joint estimator
/// (`TrialRandomness`), so trial k's values depend on (seed, k, history) alone.
public struct TPESampler: SweepSampler, Sendable, Hashable {
    public var seed: UInt64
    /// Trials drawn at random before the estimators take over (10).
    public var startupTrials: Int
    /// Draws from l per trial, of which the best by log l − log g is taken (24).
    public var candidates: Int
    /// The prior kernel's weight in l and g, beside each trial's (1).
    public var priorWeight: Double
    /// β in γ(n) = min(⌈β·n⌉, 25), the number of "below" trials (0.1).
    public var gammaFraction: Double
    /// Whether l weighs its trials by rank, (m − r)/m for the r-th best of m (Optuna: no).
    public var rankWeighting: Bool
    /// The widths of l's numeric kernels.
    public var belowBandwidth: ParzenBandwidth
    /// The widths of g's numeric kernels.
    public var aboveBandwidth: ParzenBandwidth
    /// One joint estimator over the parameters (Optuna's default for one objective), or
    /// one per parameter.
    public var multivariate: Bool

    /// `rankWeighting` when `init` is not given it: on for the multivariate TPE, off for the univariate.
    public static func defaultRankWeighting(multivariate: Bool) -> Bool { multivariate }

    /// l's kernel widths when `init` is not given them: multivariate, the clip's floor 3×
    /// lower than Optuna's and reals' widths × 0.7; univariate, the floor 2× lower.
    public static func defaultBelowBandwidth(multivariate: Bool) -> ParzenBandwidth {
        multivariate ? ParzenBandwidth(clipScale: 3, factor: 0.7) : ParzenBandwidth(clipScale: 2)
    }

    /// Our default TPE (`rankWeighting` and `belowBandwidth` nil: the defaults for the
    /// mode, above); `TPESampler.optuna(seed:)` for Optuna's.
    public init(seed: UInt64, startupTrials: Int = 10, candidates: Int = 24, priorWeight: Double = 1, gammaFraction: Double = 0.1,
                rankWeighting: Bool? = nil, belowBandwidth: ParzenBandwidth? = nil,
                aboveBandwidth: ParzenBandwidth = .optuna, multivariate: Bool = true) {
        self.seed = seed
        self.startupTrials = startupTrials
        self.candidates = candidates
        self.priorWeight = priorWeight
        self.gammaFraction = gammaFraction
        self.rankWeighting = rankWeighting ?? Self.defaultRankWeighting(multivariate: multivariate)
        self.belowBandwidth = belowBandwidth ?? Self.defaultBelowBandwidth(multivariate: multivariate)
        self.aboveBandwidth = aboveBandwidth
        self.multivariate = multivariate
    }

    /// Optuna 5.1's `TPESampler(seed=seed, multivariate=multivariate)` with its other
    /// settings at their defaults: 10 random start-up trials, 24 candidates, prior weight
    /// 1, β = 0.1, equal weights, `ParzenBandwidth.optuna` in l and g.
    public static func optuna(seed: UInt64, multivariate: Bool = true) -> TPESampler {
        TPESampler(seed: seed, startupTrials: 10, candidates: 24, priorWeight: 1, gammaFraction: 0.1, rankWeighting: false,
                   belowBandwidth: .optuna, aboveBandwidth: .optuna, multivariate: multivariate)
    }

    /// γ(n) = min(⌈β·n⌉, 25): how many of n trials are "below" (β = 0.1 as Optuna's).
    public static func gamma(_ n: Int, fraction: Double = 0.1) -> Int { min(Int((fraction * Double(n)).rounded(.up)), 25) }

    /// Weights of m observations in trial-number order (oldest first).
    public static func weights(_ m: Int) -> [Double] {
        guard m >= 25 else { return Array(repeating: 1, count: m) }
        let rampCount = m - 25
        let start = 1 / Double(m)
        let ramp: [Double] = (0..<rampCount).map { i in
            rampCount == 1 ? start : start + (1 - start) * Double(i) / Double(rampCount - 1)
        }
        return ramp + Array(repeating: 1, count: 25)
    }

    public func suggest(space: SearchSpace, history: [CompletedTrial], trialNumber: Int) throws(SamplerError) -> TrialParameters {
        guard trialNumber >= 0 else { throw .negativeTrialNumber(trialNumber) }
        let observed = Self.observed(history)
        let split = observed.count < startupTrials ? nil : Self.split(observed, below: Self.gamma(observed.count, fraction: gammaFraction))
        if let split, multivariate {
            return sampleJointly(space, below: split.below, above: split.above, trialNumber: trialNumber)
        }
        var pairs: [(String, ParamValue)] = []
        for (i, parameter) in space.parameters.enumerated() {
            var g = TrialRandomness.generator(seed: seed, trialNumber: trialNumber, stream: i)
            guard let split else {
                pairs.append((parameter.name, RandomSampler.draw(parameter.domain, &g)))
                continue
            }
            pairs.append((parameter.name, sample(parameter, below: split.below, above: split.above, &g)))
        }
        return TrialParameters(pairs)
    }

    /// The trials TPE learns from: complete ones with a value and pruned ones.
    static func observed(_ history: [CompletedTrial]) -> [CompletedTrial] {
        history.filter { trial in
            switch trial.state {
            case .complete: trial.value != nil
            case .pruned: true
            case .failed: false
            }
        }
    }

    /// The `below` best trials and the rest, each in trial-number order.
    static func split(_ trials: [CompletedTrial], below count: Int) -> (below: [CompletedTrial], above: [CompletedTrial]) {
        let ranked = trials.sorted { rankKey($0) < rankKey($1) }
        return (ranked.prefix(count).sorted { $0.number < $1.number }, ranked.dropFirst(count).sorted { $0.number < $1.number })
    }

    /// The order of trials from best to worst: complete ones by value (NaN or none last),
    /// then pruned ones by the deepest step, then value, and pruned ones without a step
    /// last; ties by trial number.
    static func rankKey(_ trial: CompletedTrial) -> (Int, Double, Double, Int) {
        let value = trial.value.map { $0.isNaN ? .infinity : $0 } ?? .infinity
        guard trial.state == .pruned else { return (0, value, 0, trial.number) }
        guard let step = trial.lastStep else { return (2, 0, 0, trial.number) }
        return (1, -Double(step), value, trial.number)
    }

    /// The best of `candidates` draws from l(x) by log l(x) − log g(x) (the first on ties).
    func sample(_ parameter: SearchParameter, below: [CompletedTrial], above: [CompletedTrial], _ g: inout SplitMix64) -> ParamValue {
        let kept = below.filter { Self.internalValue($0.parameters[parameter.name], parameter.domain) != nil }
        let l = ParzenEstimator(observations: kept.compactMap { Self.internalValue($0.parameters[parameter.name], parameter.domain) },
                                observationWeights: belowWeights(kept), domain: parameter.domain,
                                priorWeight: priorWeight, bandwidth: belowBandwidth)
        let values = above.compactMap { Self.internalValue($0.parameters[parameter.name], parameter.domain) }
        let gx = ParzenEstimator(observations: values, observationWeights: Self.weights(values.count), domain: parameter.domain,
                                 priorWeight: priorWeight, bandwidth: aboveBandwidth)
        var best = l.sample(&g)
        var bestScore = l.logPDF(best) - gx.logPDF(best)
        for _ in 1..<max(candidates, 1) {
            let x = l.sample(&g)
            let score = l.logPDF(x) - gx.logPDF(x)
            if score > bestScore || (bestScore.isNaN && !score.isNaN) { (best, bestScore) = (x, score) }
        }
        return Self.externalValue(best, parameter.domain)
    }

    /// l's observation weights for `trials` (in trial-number order): `weights(m)`, times
    /// (m − r)/m for the r-th best with `rankWeighting`.
    func belowWeights(_ trials: [CompletedTrial]) -> [Double] {
        let m = trials.count
        guard rankWeighting else { return Self.weights(m) }
        return zip(Self.weights(m), Self.ranks(trials)).map { w, r in w * Double(m - r) / Double(m) }
    }

    /// Each trial's rank (0 = the best) in the split's order: complete trials by value,
    /// then pruned ones, the deepest first (`split`).
    static func ranks(_ trials: [CompletedTrial]) -> [Int] {
        let order = trials.indices.sorted { rankKey(trials[$0]) < rankKey(trials[$1]) }
        var ranks = [Int](repeating: 0, count: trials.count)
        for (r, i) in order.enumerated() { ranks[i] = r }
        return ranks
    }

    /// A trial's value as the estimator's observation: a choice's index, an integer's
    /// internal coordinate, a real's (log for a log scale); nil when unusable.
    static func internalValue(_ value: ParamValue?, _ domain: SearchDomain) -> Double? {
        guard let value else { return nil }
        if case .choice(let values) = domain { return values.firstIndex(of: value).map(Double.init) }
        return ParameterScale(domain).internalValue(value)
    }

    /// A value as `ParzenEstimator.sample` returns it, as a parameter value.
    static func externalValue(_ x: Double, _ domain: SearchDomain) -> ParamValue {
        switch domain {
        case .choice(let values): values[Int(x)]
        case .int: .int(Int(x))
        case .uniform, .logUniform: ParameterScale(domain).external(x)
        }
    }
}
