/// The training loss over a batch of B windows, outputs [B × O × h] (output 0 the point
/// forecast, outputs 1 … O−1 the quantiles τ_q ascending) against targets y [B × h], all in
/// the windows' scaled units:
///
///     L = 1/(B·h) Σ_n Σ_s ( |y − ŷ₀| + Σ_q ρ_{τ_q}(y − ŷ_q) ),   ρ_τ(u) = max(τ·u, (τ − 1)·u)
///
/// so the point output is trained for the median with MAE and each quantile output with
/// the pinball loss. ∂L/∂ŷ₀ = sign(ŷ₀ − y)/(B·h), ∂L/∂ŷ_q = (1{y < ŷ_q} − τ_q)/(B·h).
public enum NHITSLoss {
    /// Returns L and writes ∂L/∂ŷ into `gradient` (same shape as `outputs`).
    public static func evaluate(outputs: UnsafePointer<Float>, targets: UnsafePointer<Float>, batch: Int, steps h: Int,
                                quantiles: [Float], gradient: UnsafeMutablePointer<Float>?) -> Double {
        let O = quantiles.count + 1
        let scale = 1 / Float(batch * h)
        var sum: Double = 0
        for n in 0..<batch {
            for s in 0..<h {
                let y = targets[n * h + s]
                let point = (n * O) * h + s
                let d = outputs[point] - y
                sum += Double(abs(d))
                gradient?[point] = d > 0 ? scale : (d < 0 ? -scale : 0)
                for (q, tau) in quantiles.enumerated() {
                    let at = (n * O + q + 1) * h + s
                    let u = y - outputs[at]
                    sum += Double(max(tau * u, (tau - 1) * u))
                    gradient?[at] = ((u < 0 ? 1 : 0) - tau) * scale
                }
            }
        }
        return sum / Double(batch * h)
    }
}
