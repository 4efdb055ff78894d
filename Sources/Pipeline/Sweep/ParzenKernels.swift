import Foundation
import Kernels

/// One parameter's kernels in a Parzen estimator, one per observation plus the prior, as
/// Optuna 5.1's `_ParzenEstimator` builds them for one dimension (prior weight 1, magic
/// clip on, endpoints not considered). The mixture weights live with the estimator
/// (`ParzenEstimator` for one parameter, `JointParzenEstimator` for several), which
/// shares one component index k across its dimensions.
///
/// Numeric parameters on [L, H] (the internal bounds, see `ParameterScale`): kernel k is
/// N(z_k, σ_k²) truncated to [L, H]; the prior is N((L + H)/2, (H − L)²). σ_k is the
/// larger distance from z_k to its sorted neighbours, with L and H as the outer
/// neighbours, except that the smallest and largest observations take the distance to
/// their inner neighbour (consider_endpoints false, n ≥ 2); then σ_k is clipped to
/// [(H − L)/min(100, n + 2), H − L] (the "magic clip"). Optuna 5.1 uses this rule for its
/// multivariate estimator too, dimension by dimension.
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

    /// `observations` are internal coordinates (choice indices for `choice`).
    init(observations: [Double], domain: SearchDomain, priorWeight: Double) {
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
        var sigmas = Self.bandwidths(observations, low: low, high: high)
        var mus = observations
        mus.append(0.5 * (low + high))
        sigmas.append(high - low)
        shape = .numeric(mus: mus, sigmas: sigmas, scale: scale)
        logMasses = mus.indices.map { k in
            TruncatedNormal.logGaussMass((low - mus[k]) / sigmas[k], (high - mus[k]) / sigmas[k])
        }
    }

    /// σ_k per observation (see the type's comment), clipped by the magic clip.
    static func bandwidths(_ mus: [Double], low: Double, high: Double) -> [Double] {
        let n = mus.count
        guard n > 0 else { return [] }
        let order = mus.indices.sorted { mus[$0] < mus[$1] }
        let points = [low] + order.map { mus[$0] } + [high]
        var sorted = [Double](repeating: 0, count: n)
        for i in 1...n {
            let left: Double = points[i] - points[i - 1]
            let right: Double = points[i + 1] - points[i]
            sorted[i - 1] = max(left, right)
        }
        if points.count >= 4 {
            sorted[0] = points[2] - points[1]
            sorted[n - 1] = points[n] - points[n - 1]
        }
        let maxSigma: Double = high - low
        let kernels: Double = 1 + Double(n + 1)
        let minSigma: Double = maxSigma / min(100, kernels)
        var sigmas = [Double](repeating: 0, count: n)
        for (rank, index) in order.enumerated() { sigmas[index] = min(max(sorted[rank], minSigma), maxSigma) }
        return sigmas
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
