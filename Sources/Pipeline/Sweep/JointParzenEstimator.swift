import Foundation
import Kernels

/// A Parzen estimator over several parameters jointly: a mixture of product kernels, as
/// Optuna 5.1's `_ParzenEstimator` with its `_MixtureOfProductDistribution` (the
/// multivariate TPE's l(x) and g(x)).
///
/// With n observations z₁…z_n ∈ ℝ^D (trial k's internal coordinates in the D dimensions,
/// see `ParameterScale`) of weights w₁…w_n (`TPESampler.weights(n)`), the mixture has
/// n + 1 components with weights π_k = (w₁, …, w_n, w_prior)/Σ (`ParzenMixture.weights`),
/// and each component is a product over the dimensions of the kernel that dimension
/// builds from its own column of observations (`ParzenKernels`: per-dimension bandwidths
/// σ_{k,d} by the neighbour rule and magic clip, the prior kernel last):
///
///     p(x) = Σ_k π_k Π_d K_{k,d}(x_d),
///     log p(x) = logsumexp_k (log π_k + Σ_d log K_{k,d}(x_d)).
///
/// Bandwidths: earlier Optuna versions gave the multivariate estimator Scott's rule,
/// σ = 0.2·(H − L)·n^(−1/(D + 4)) for every kernel of a dimension; Optuna 5.1 no longer
/// does (its `_ParzenEstimatorParameters.multivariate` is unused, see
/// `_calculate_numerical_distributions` and optuna/optuna#6574), and neither do we: each
/// dimension takes the univariate neighbour rule, so the joint densities equal 5.1's.
///
/// A draw picks one component k by π and then draws every dimension from K_{k,d}, so the
/// coordinates of a draw come from the same observation (or the prior) and stay
/// correlated as the observed trials are.
struct JointParzenEstimator {
    private let weights: [Double]
    /// log π_k, computed once.
    private let logWeights: [Double]
    /// One per dimension, in the order of `domains`.
    private let dimensions: [ParzenKernels]

    /// `observations[k][d]`: trial k's internal coordinate in dimension d (a choice's
    /// index for `choice`); every row has `domains.count` entries.
    init(observations: [[Double]], observationWeights: [Double], domains: [SearchDomain], priorWeight: Double = 1,
         bandwidth: ParzenBandwidth = .optuna) {
        weights = ParzenMixture.weights(observationWeights, priorWeight: priorWeight)
        logWeights = weights.map { log($0) }
        dimensions = domains.enumerated().map { d, domain in
            ParzenKernels(observations: observations.map { $0[d] }, domain: domain, priorWeight: priorWeight, bandwidth: bandwidth)
        }
    }

    /// One draw: a component by weight, then each dimension from that component's kernel.
    /// Per dimension, the internal coordinate of a real, the integer value of an `int`,
    /// the index of a `choice`.
    func sample(_ g: inout SplitMix64) -> [Double] {
        let k = ParzenMixture.pick(weights, g.nextUnit())
        return dimensions.map { $0.sample(component: k, &g) }
    }

    /// log p(x) of a point as `sample` returns it.
    func logPDF(_ x: [Double]) -> Double {
        var terms = logWeights
        for (d, kernels) in dimensions.enumerated() { kernels.addLogDensities(x[d], into: &terms) }
        return ParzenMixture.logSumExp(terms)
    }
}
