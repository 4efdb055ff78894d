import Foundation

/// Negative log posterior of prophet's Stan model with logistic growth and additive
/// seasonality, up to constants (no Jacobian term, as Stan's `optimizing`):
///
///   −log p = Σ_t (y_t − g(t) − x_tᵀβ)² / (2σ²) + N log σ + k²/(2·5²) + m²/(2·5²)
///            + Σ_j |δ_j| / τ + σ² / (2·0.5²) + Σ_l β_l² / (2 s_l²)
///
/// with g the piecewise-logistic trend (`PiecewiseLogistic`) under the scaled capacity
/// C(t)/max|y|, x_t the Fourier features, over z = (k, m, δ, β, log σ); |δ| smoothed as in
/// `ProphetObjective`. Gradient: with r_t the residual, w_t = ∂g/∂u = C σ(u)(1 − σ(u)) at
/// u = K_j (t − M_j), ∂u/∂ψ = ∂K_j/∂ψ (t − M_j) − K_j ∂M_j/∂ψ, so per segment j only
/// A_j = Σ r_t w_t (t − M_j) and B_j = Σ r_t w_t are needed: O(N·|β| + S²) per evaluation.
struct ProphetLogisticObjective {
    let design: ProphetDesign
    let y: [Double]
    /// Scaled times, their segments, scaled capacities (length N each).
    let times: [Double]
    let segments: [Int]
    let capacity: [Double]
    /// Fourier features, row-major N × |β|.
    let seasonal: [Double]
    let changepointPriorScale: Double
    let betaScales: [Double]
    var l1Smoothing = 1e-4

    init(design: ProphetDesign, timestamps: [Double], y: [Double], capacity: [Double], changepointPriorScale: Double) {
        self.design = design
        self.y = y
        times = timestamps.map(design.scaledTime)
        let segmenter = PiecewiseLogistic(k: 0, m: 0, deltas: [], changepoints: design.changepoints)
        segments = times.map(segmenter.segment)
        self.capacity = capacity
        let range = design.betaRange
        seasonal = timestamps.flatMap { design.row(at: $0)[range] }
        self.changepointPriorScale = changepointPriorScale
        betaScales = design.seasonalities.flatMap { [Double](repeating: $0.priorScale, count: 2 * $0.order) }
    }

    /// prophet's `logistic_growth_init`: k, m of the logistic through the first and last
    /// points (clamped into 1–99 % of the capacity), with time running 0 … 1.
    func initialRateAndOffset() -> (k: Double, m: Double) {
        let n = y.count
        let span = times[n - 1] - times[0]
        let c0 = capacity[0], c1 = capacity[n - 1]
        let y0 = max(0.01 * c0, min(0.99 * c0, y[0]))
        let y1 = max(0.01 * c1, min(0.99 * c1, y[n - 1]))
        var r0 = c0 / y0
        let r1 = c1 / y1
        if abs(r0 - r1) <= 0.01 { r0 *= 1.05 }
        let l0 = log(r0 - 1), l1 = log(r1 - 1)
        return (k: (l0 - l1) / span, m: l0 * span / (l0 - l1))
    }

    /// Value and gradient at z = (k, m, δ, β, log σ).
    func evaluate(_ z: [Double], gradient g: inout [Double]) -> Double {
        let s = design.changepoints.count, b = betaScales.count, p = 2 + s + b
        let trend = PiecewiseLogistic(k: z[0], m: z[1], deltas: z[2..<(2 + s)], changepoints: design.changepoints)
        var rss = 0.0
        var a = [Double](repeating: 0, count: s + 1), bsum = [Double](repeating: 0, count: s + 1)
        var gBeta = [Double](repeating: 0, count: b)
        seasonal.withUnsafeBufferPointer { x in
        gBeta.withUnsafeMutableBufferPointer { gBeta in
            for i in 0..<y.count {
                let j = segments[i]
                let u = trend.rates[j] * (times[i] - trend.offsets[j])
                let sig = 1 / (1 + exp(-u))
                var fit = capacity[i] * sig
                let row = i * b
                for l in 0..<b { fit += x[row + l] * z[2 + s + l] }
                let r = y[i] - fit
                rss += r * r
                // ∂rss/∂(fit) = −2r.
                let q = -2 * r * capacity[i] * sig * (1 - sig)
                a[j] += q * (times[i] - trend.offsets[j])
                bsum[j] += q
                for l in 0..<b { gBeta[l] -= 2 * r * x[row + l] }
            }
        }}
        // ∂rss/∂ψ = Σ_j ∂K_j/∂ψ A_j − K_j ∂M_j/∂ψ B_j.
        var gTrend = [Double](repeating: 0, count: s + 2)
        let dM = trend.offsetJacobian()
        for j in 0...s {
            gTrend[0] += a[j]
            for i in 0..<j { gTrend[2 + i] += a[j] }
            let weight = trend.rates[j] * bsum[j]
            for psi in 0..<(s + 2) { gTrend[psi] -= weight * dM[j * (s + 2) + psi] }
        }

        let logSigma = z[p]
        let sigma2 = exp(2 * logSigma)
        var value = rss / (2 * sigma2) + Double(y.count) * logSigma + sigma2 / (2 * 0.25)
        for i in 0..<(s + 2) { g[i] = gTrend[i] / (2 * sigma2) }
        for l in 0..<b { g[2 + s + l] = gBeta[l] / (2 * sigma2) }
        g[p] = -rss / sigma2 + Double(y.count) + sigma2 / 0.25
        for i in 0..<2 {
            value += z[i] * z[i] / 50
            g[i] += z[i] / 25
        }
        let tau = changepointPriorScale, eps = l1Smoothing
        for i in 2..<(2 + s) {
            let (term, slope) = ProphetObjective.laplaceTerm(z[i], scale: tau, smoothing: eps)
            value += term
            g[i] += slope
        }
        for l in 0..<b {
            let v = z[2 + s + l], s2 = betaScales[l] * betaScales[l]
            value += v * v / (2 * s2)
            g[2 + s + l] += v / s2
        }
        return value.isFinite ? value : .infinity
    }
}
