import Foundation

/// How a Parzen estimator sets the widths σ_k of its numeric kernels on [L, H] (internal
/// coordinates, see `ParameterScale`), from n observations z_1…z_n of one dimension.
///
/// 1. Neighbour rule: σ_k is the larger distance from z_k to its sorted neighbours, L and
///    H being the outer neighbours, except that the smallest and largest observations
///    take the distance to their inner neighbour (n ≥ 2; Optuna's `consider_endpoints`
///    false).
/// 2. Magic clip: σ_k is clipped to [(H − L)/min(100, `clipScale`·(n + 2)), H − L]
///    (n + 1 kernels with the prior, plus one, as Optuna's `consider_magic_clip`).
/// 3. A real's σ_k is multiplied by `factor` (and stays ≤ H − L); an integer's is not
///    (narrower integer kernels would stay on one value).
///
/// `optuna` (clip scale 1, factor 1) is Optuna 5.1's `_ParzenEstimator` with its
/// defaults; the prior's kernel, N((L + H)/2, (H − L)²), is never changed.
public struct ParzenBandwidth: Sendable, Hashable, Codable {
    /// k in the clip's floor (H − L)/min(100, k·(n + 2)); larger k, narrower kernels allowed.
    public var clipScale: Double
    /// The multiplier of every real observation's σ after the clip (1 keeps the neighbour rule).
    public var factor: Double

    public init(clipScale: Double = 1, factor: Double = 1) {
        self.clipScale = clipScale
        self.factor = factor
    }

    /// Optuna 5.1's rule (magic clip, endpoints not considered).
    public static let optuna = ParzenBandwidth()

    /// σ_k per observation, in the observations' order; `discrete` for an integer domain.
    func sigmas(_ mus: [Double], low: Double, high: Double, discrete: Bool) -> [Double] {
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
        let minSigma: Double = maxSigma / min(100, clipScale * kernels)
        let scale = discrete ? 1 : factor
        var sigmas = [Double](repeating: 0, count: n)
        for (rank, index) in order.enumerated() {
            sigmas[index] = min(min(max(sorted[rank], minSigma), maxSigma) * scale, maxSigma)
        }
        return sigmas
    }
}
