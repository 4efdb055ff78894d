import Foundation
import Kernels

/// One parameter's kernels in a Parzen estimator, one per observation plus the prior, as
/// Optuna 5.1's `_ParzenEstimator` builds them for one dimension (with prior weight 1 and
/// `ParzenBandwidth.optuna`: magic clip on, endpoints not considered). The mixture weights live with the estimator
/// (`ParzenEstimator` for one parameter, `JointParzenEstimator` for several), which
/// shares one component index k across its dimensions.
///
/// Numeric parameters on [L, H] (the internal bounds, see `ParameterScale`): kernel k is
/// N(z_k, σ_k²) truncated to [L, H]; the prior is N((L + H)/2, (H − L)²). σ_k comes from
/// `ParzenBandwidth`: by default Optuna's neighbour rule and "magic clip" to
/// [(H − L)/min(100, n + 2), H − L], which Optuna 5.1 uses for its multivariate
/// estimator too, dimension by dimension.
/// A real's kernel density is N_trunc(z; z_k, σ_k); an integer's mass at x is
/// (Φ((T(x + ½) − z_k)/σ_k) − Φ((T(x − ½) − z_k)/σ_k)) / (Φ(b_k) − Φ(a_k)), T the
/// identity or log.
///
/// Categorical parameters with c choices: kernel k is the distribution
/// (prior_weight/(n + 1) + [j = z_k])/(1 + prior_weight/(n + 1)·c) over j (the prior row
/// uniform); with n = 0 one uniform row.
struct ParzenKernels {
    private enum Shape {
        case numeric(mus: [Double], sigmas: [Double], scale: ParameterScale)
        case categorical(rows: [[Double]])
    }

    private let shape: Shape
    /// For numeric kernels, log(Φ(b_k) − Φ(a_k)), the truncation's mass on [L, H]:
    /// computed once, used by every `addLogDensities`.
    private let logMasses: [Double]

    /// `observations` are internal coordinates (choice indices for `choice`); `bandwidth`
    /// sets the numeric kernels' σ_k (Optuna's rule unless told otherwise).
    init(observations: [Double], domain: SearchDomain, priorWeight: Double, bandwidth: ParzenBandwidth = .optuna) {
        let n = observations.count
        if case .choice(let values) = domain {
            let c = values.count
            logMasses = []
            guard n > 0 else {
                shape = .categorical(rows: [Array(repeating: 1 / Double(c), count: c)])
                return
            }
            let base = priorWeight / Double(n + 1)
            var rows = Array(repeating: Array(repeating: base, count: c), count: n + 1)
            for (k, z) in observations.enumerated() { rows[k][Int(z)] += 1 }
            shape = .categorical(rows: rows.map { row in
                let total = row.reduce(0, +)
                return row.map { $0 / total }
            })
            return
        }
        let scale = ParameterScale(domain)
        let (low, high) = (scale.low, scale.high)
        var sigmas = bandwidth.sigmas(observations, low: low, high: high, discrete: scale.isDiscrete)
        var mus = observations
        mus.append(0.5 * (low + high))
        sigmas.append(high - low)
        shape = .numeric(mus: mus, sigmas: sigmas, scale: scale)
        logMasses = mus.indices.map { k in
            TruncatedNormal.logGaussMass((low - mus[k]) / sigmas[k], (high - mus[k]) / sigmas[k])
        }
    }

    /// One draw from kernel `k`: the internal coordinate of a real, the integer value of
    /// an `int`, the index of a `choice` (one uniform number from `g`).
    func sample(component k: Int, _ g: inout SplitMix64) -> Double {
        switch shape {
        case .categorical(let rows):
            return Double(ParzenMixture.pick(rows[k], g.nextUnit()))
        case .numeric(let mus, let sigmas, let scale):
            let z = TruncatedNormal.quantile(g.nextUnit(), mu: mus[k], sigma: sigmas[k], low: scale.low, high: scale.high)
            guard scale.isDiscrete else { return z }
            let x = scale.isLog ? exp(z) : z
            return min(max(x.rounded(.toNearestOrEven), scale.lowerValue), scale.upperValue)
        }
    }

    /// Adds log K_k(x) to `terms[k]` for every kernel k, x a value as `sample` returns it.
    func addLogDensities(_ x: Double, into terms: inout [Double]) {
        switch shape {
        case .categorical(let rows):
            for (k, row) in rows.enumerated() { terms[k] += log(row[Int(x)]) }
        case .numeric(let mus, let sigmas, let scale):
            let left = scale.isDiscrete ? (scale.isLog ? log(x - 0.5) : x - 0.5) : 0
            let right = scale.isDiscrete ? (scale.isLog ? log(x + 0.5) : x + 0.5) : 0
            let inside = x >= scale.low && x <= scale.high
            for k in mus.indices {
                let (mu, sigma) = (mus[k], sigmas[k])
                let density: Double
                if scale.isDiscrete {
                    // Mass of the integer's cell [x − ½, x + ½] (in log space for a log int).
                    density = TruncatedNormal.logGaussMass((left - mu) / sigma, (right - mu) / sigma) - logMasses[k]
                } else if inside {
                    // log φ(z) − log σ − log(Φ(b) − Φ(a)), z = (x − μ)/σ.
                    let z = (x - mu) / sigma
                    density = -0.5 * z * z - TruncatedNormal.logSqrt2Pi - log(sigma) - logMasses[k]
                } else {
                    density = -.infinity
                }
                terms[k] += density
            }
        }
    }
}
