import Foundation
import Kernels

/// The multivariate TPE's draw (`TPESampler` with `multivariate: true`), as Optuna 5.1's
/// `TPESampler._sample` over its relative search space.
extension TPESampler {
    /// The stream of `TrialRandomness` the joint draw uses (parameter streams are ≥ 0).
    static let jointStream = -1

    /// Trial `trialNumber`'s parameters from the joint estimators of `below` and `above`.
    ///
    /// The joint dimensions are the parameters with more than one possible value (Optuna
    /// leaves single-valued distributions out of the relative search space); the others
    /// take their one value. A trial enters an estimator only when it has a usable value
    /// for every joint dimension. Of `candidates` draws x from l (one generator for the
    /// trial), the one with the largest log l(x) − log g(x) is kept (the first on ties,
    /// a number over NaN).
    func sampleJointly(_ space: SearchSpace, below: [CompletedTrial], above: [CompletedTrial], trialNumber: Int) -> TrialParameters {
        let joint = space.parameters.filter { !Self.isSingle($0.domain) }
        var chosen: [String: ParamValue] = [:]
        if !joint.isEmpty {
            let domains = joint.map(\.domain)
            let kept = below.filter { trial in joint.allSatisfy { Self.internalValue(trial.parameters[$0.name], $0.domain) != nil } }
            let l = JointParzenEstimator(observations: Self.rows(kept, joint), observationWeights: belowWeights(kept), domains: domains,
                                         priorWeight: priorWeight, bandwidth: belowBandwidth)
            let aboveRows = Self.rows(above, joint)
            let gx = JointParzenEstimator(observations: aboveRows, observationWeights: Self.weights(aboveRows.count), domains: domains,
                                          priorWeight: priorWeight, bandwidth: aboveBandwidth)
            var g = TrialRandomness.generator(seed: seed, trialNumber: trialNumber, stream: Self.jointStream)
            var best = l.sample(&g)
            var bestScore = l.logPDF(best) - gx.logPDF(best)
            for _ in 1..<max(candidates, 1) {
                let x = l.sample(&g)
                let score = l.logPDF(x) - gx.logPDF(x)
                if score > bestScore || (bestScore.isNaN && !score.isNaN) { (best, bestScore) = (x, score) }
            }
            for (d, parameter) in joint.enumerated() { chosen[parameter.name] = Self.externalValue(best[d], parameter.domain) }
        }
        return TrialParameters(space.parameters.map { parameter in
            (parameter.name, chosen[parameter.name] ?? Self.onlyValue(parameter.domain))
        })
    }

    /// The trials' internal coordinates in the joint dimensions, in the trials' order,
    /// leaving out a trial without a usable value for any of them.
    static func rows(_ trials: [CompletedTrial], _ parameters: [SearchParameter]) -> [[Double]] {
        trials.compactMap { trial in
            var row: [Double] = []
            row.reserveCapacity(parameters.count)
            for parameter in parameters {
                guard let z = internalValue(trial.parameters[parameter.name], parameter.domain) else { return nil }
                row.append(z)
            }
            return row
        }
    }

    /// Whether the domain holds one value: a one-element choice or an `int` with
    /// low = high (a real range has low < high).
    static func isSingle(_ domain: SearchDomain) -> Bool {
        switch domain {
        case .choice(let values): values.count == 1
        case .int(let low, let high, _): low == high
        case .uniform, .logUniform: false
        }
    }

    /// The value of a single-valued domain (`isSingle`).
    static func onlyValue(_ domain: SearchDomain) -> ParamValue {
        switch domain {
        case .choice(let values): values[0]
        case .int(let low, _, _): .int(low)
        case .uniform(let low, _), .logUniform(let low, _): .double(low)
        }
    }
}
