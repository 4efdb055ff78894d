import Foundation

/// The mixture arithmetic Parzen estimators share: component weights, choosing a
/// component, and log-sum-exp.
enum ParzenMixture {
    /// With n observations of weights w₁…w_n, the n + 1 component weights
    /// (w₁, …, w_n, w_prior)/Σ, the prior last; just [1] (the prior) when n = 0.
    static func weights(_ observationWeights: [Double], priorWeight: Double) -> [Double] {
        let w = observationWeights.isEmpty ? [1.0] : observationWeights + [priorWeight]
        let sum = w.reduce(0, +)
        return w.map { $0 / sum }
    }

    /// The index j with F_{j−1} ≤ u < F_j of the cumulative sums of `probabilities`
    /// (the last index when rounding leaves u ≥ F_last), as Optuna counts F_j < u.
    static func pick(_ probabilities: [Double], _ u: Double) -> Int {
        var cumulative = 0.0
        for (j, p) in probabilities.enumerated() {
            cumulative += p
            if u < cumulative { return j }
        }
        return probabilities.count - 1
    }

    /// log Σ_k e^{t_k}, computed as m + log Σ_k e^{t_k − m} with m = max_k t_k;
    /// −∞ when every term is.
    static func logSumExp(_ terms: [Double]) -> Double {
        let m = terms.max() ?? -.infinity
        guard m > -.infinity else { return -.infinity }
        return m + log(terms.reduce(0) { $0 + exp($1 - m) })
    }
}
