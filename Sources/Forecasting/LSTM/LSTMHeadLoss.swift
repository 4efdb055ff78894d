/// The training loss of one head whose rows [O·n] hold the point path and, when
/// `quantiles` (τ_1 < … < τ_Q) are given, the quantile paths (`LSTMQuantileLayout`),
/// against targets y [B × n]:
///
///     L = 1/(B·n) Σ_b Σ_j ( ℓ(ŷ₀ − y) + Σ_q ρ_τq(y − ŷ_q) ),   ρ_τ(u) = max(τ·u, (τ − 1)·u)
///
/// ℓ the configured point loss (`LSTMLoss`), so each quantile output is averaged like the
/// point output. ∂(w·L)/∂ŷ₀ = w·ℓ′(ŷ₀ − y)/(B·n), ∂(w·L)/∂ŷ_q = w·(1{y < ŷ_q} − τ_q)/(B·n).
/// Without quantiles (O = 1) this is `LSTMLoss.evaluate` over the B·n outputs, bit for bit.
struct LSTMHeadLoss: Sendable {
    let point: LSTMLoss
    let quantiles: [Float]

    init(point: LSTMLoss, layout: LSTMQuantileLayout?) {
        self.point = point
        quantiles = layout?.quantiles.map(Float.init) ?? []
    }

    /// Returns L for predictions [B × O·n] and targets [B × n] and writes ∂(w·L)/∂ŷ into
    /// `gradient` [B × O·n] when given.
    func evaluate(predictions: UnsafePointer<Float>, targets: UnsafePointer<Float>, batch: Int, steps n: Int,
                  weight: Float, gradient: UnsafeMutablePointer<Float>?) -> Double {
        guard !quantiles.isEmpty else {
            return point.evaluate(predictions: predictions, targets: targets, count: batch * n, weight: weight, gradient: gradient)
        }
        let width = (1 + quantiles.count) * n
        let scale = weight / Float(batch * n)
        var sum: Double = 0
        for b in 0..<batch {
            for j in 0..<n {
                let y = targets[b * n + j]
                let (value, slope) = point.valueAndSlope(predictions[b * width + j] - y)
                sum += Double(value)
                gradient?[b * width + j] = scale * slope
                for (q, tau) in quantiles.enumerated() {
                    let at = b * width + (q + 1) * n + j
                    let u = y - predictions[at]
                    sum += Double(max(tau * u, (tau - 1) * u))
                    gradient?[at] = scale * ((u < 0 ? 1 : 0) - tau)
                }
            }
        }
        return sum / Double(batch * n)
    }
}
