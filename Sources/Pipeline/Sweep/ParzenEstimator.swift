import Foundation
import Kernels

/// One parameter's Parzen estimator (a weighted mixture of kernels), as in Optuna's
/// `_ParzenEstimator` for one parameter with the default settings: the univariate TPE's
/// l(x) and g(x).
///
/// With n observations z₁…z_n (internal coordinates, see `ParameterScale`) of weights
/// w₁…w_n (`TPESampler.weights(n)`), the mixture has n + 1 components, one per
/// observation and the prior, with weights π_k = (w₁, …, w_n, w_prior)/Σ
/// (`ParzenMixture.weights`), and p(x) = Σ_k π_k K_k(x) with the kernels K_k of
/// `ParzenKernels`.
struct ParzenEstimator {
    private let weights: [Double]
    /// log π_k, computed once.
    private let logWeights: [Double]
    private let kernels: ParzenKernels

    /// `observations` are internal coordinates (choice indices for `choice`), with their
    /// `observationWeights`.
    init(observations: [Double], observationWeights: [Double], domain: SearchDomain, priorWeight: Double = 1,
         bandwidth: ParzenBandwidth = .optuna) {
        weights = ParzenMixture.weights(observationWeights, priorWeight: priorWeight)
        logWeights = weights.map { log($0) }
        kernels = ParzenKernels(observations: observations, domain: domain, priorWeight: priorWeight, bandwidth: bandwidth)
    }

    /// One draw: a component by weight, then a value from it. Returns the internal
    /// coordinate of a real, the integer value of an `int`, the index of a `choice`.
    func sample(_ g: inout SplitMix64) -> Double {
        let k = ParzenMixture.pick(weights, g.nextUnit())
        return kernels.sample(component: k, &g)
    }

    /// log p(x) = log Σ_k exp(log π_k + log K_k(x)) of a value as `sample` returns it.
    func logPDF(_ x: Double) -> Double {
        var terms = logWeights
        kernels.addLogDensities(x, into: &terms)
        return ParzenMixture.logSumExp(terms)
    }
}
