import Foundation
import Kernels

/// Tree-structured Parzen Estimator (Bergstra et al. 2011) as Optuna 5.1's `TPESampler`
/// with its default settings for one objective: multivariate (`multivariate: true`, one
/// joint estimator over all parameters, Falkner et al. 2018's product kernels) or
/// univariate (`multivariate: false`, one estimator per parameter).
///
/// For trial k with history H (complete and pruned trials; failed ones are ignored):
///
/// 1. While |H| < `startupTrials` (10), draw as `RandomSampler` does.
/// 2. Split H: the γ(n) = min(⌈0.1·n⌉, 25) best trials (n = |H|) are "below", the rest
///    "above". Complete trials rank by value (lower is better); pruned trials come after
///    every complete one, the deepest first (larger `lastStep`), then by value, and a
///    pruned trial without a step last (Optuna's `_get_pruned_trial_score`).
/// 3. Fit a Parzen estimator l(x) to the below trials' values and g(x) to the above
///    trials', each trial in trial-number order with weight w(m) for m observations: 1
///    each for m < 25, else a ramp linspace(1/m, 1, m − 25) for the oldest followed by 25
///    ones (Optuna's `default_weights`), plus the prior. Multivariate: x is the vector of
///    all parameters that can take more than one value, and l, g are mixtures of product
///    kernels (`JointParzenEstimator`); univariate: one l and g per parameter
///    (`ParzenEstimator`).
/// 4. Draw 24 candidates from l and keep the one with the largest
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
    public var startupTrials: Int
    public var candidates: Int
    public var priorWeight: Double
    /// One joint estimator over the parameters (Optuna's default for one objective), or
    /// one per parameter.
    public var multivariate: Bool

    public init(seed: UInt64, startupTrials: Int = 10, candidates: Int = 24, priorWeight: Double = 1, multivariate: Bool = true) {
        self.seed = seed
        self.startupTrials = startupTrials
        self.candidates = candidates
        self.priorWeight = priorWeight
        self.multivariate = multivariate
    }

    /// γ(n) = min(⌈0.1·n⌉, 25): how many of n trials are "below".
    public static func gamma(_ n: Int) -> Int { min((n + 9) / 10, 25) }

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
        let split = observed.count < startupTrials ? nil : Self.split(observed, below: Self.gamma(observed.count))
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
        func rankValue(_ v: Double?) -> Double { v.map { $0.isNaN ? .infinity : $0 } ?? .infinity }
        let complete = trials.filter { $0.state == .complete }
            .sorted { (rankValue($0.value), $0.number) < (rankValue($1.value), $1.number) }
        func prunedKey(_ t: CompletedTrial) -> (Double, Double, Int) {
            guard let step = t.lastStep else { return (1, 0, t.number) }
            return (-Double(step), rankValue(t.value), t.number)
        }
        let pruned = trials.filter { $0.state == .pruned }.sorted { prunedKey($0) < prunedKey($1) }
        let fromComplete = min(count, complete.count)
        let fromPruned = min(count - fromComplete, pruned.count)
        let below = Array(complete.prefix(fromComplete)) + Array(pruned.prefix(fromPruned))
        let above = Array(complete.dropFirst(fromComplete)) + Array(pruned.dropFirst(fromPruned))
        return (below.sorted { $0.number < $1.number }, above.sorted { $0.number < $1.number })
    }

    /// The best of `candidates` draws from l(x) by log l(x) − log g(x) (the first on ties).
    func sample(_ parameter: SearchParameter, below: [CompletedTrial], above: [CompletedTrial], _ g: inout SplitMix64) -> ParamValue {
        let l = estimator(parameter.domain, below.compactMap { Self.internalValue($0.parameters[parameter.name], parameter.domain) })
        let gx = estimator(parameter.domain, above.compactMap { Self.internalValue($0.parameters[parameter.name], parameter.domain) })
        var best = l.sample(&g)
        var bestScore = l.logPDF(best) - gx.logPDF(best)
        for _ in 1..<max(candidates, 1) {
            let x = l.sample(&g)
            let score = l.logPDF(x) - gx.logPDF(x)
            if score > bestScore || (bestScore.isNaN && !score.isNaN) { (best, bestScore) = (x, score) }
        }
        return Self.externalValue(best, parameter.domain)
    }

    /// The univariate estimator of one parameter's observations.
    func estimator(_ domain: SearchDomain, _ observations: [Double]) -> ParzenEstimator {
        ParzenEstimator(observations: observations, observationWeights: Self.weights(observations.count), domain: domain, priorWeight: priorWeight)
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
