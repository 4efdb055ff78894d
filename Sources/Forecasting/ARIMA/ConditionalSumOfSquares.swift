/// Conditional sum of squares of w (length n) under expanded AR φ* (length P) and MA θ*
/// (length Q), with the mean profiled out, and its gradient:
///
///   x_t = w_t − μ,  e_t = x_t − Σ_i φ*_i x_{t−i} − Σ_j θ*_j e_{t−j}   for t ≥ P, e_t = 0 before,
///   S = Σ_{t≥P} e_t²,  m = n − P.
///
/// e is affine in μ: e_t = e⁰_t + μ h_t, h_t = −(1 − Σφ*) − Σ θ*_j h_{t−j}, so
/// μ̂ = −Σe⁰h / Σh² (when `estimateMean`). At μ̂ (envelope theorem) the gradient is
///   ∂S/∂θ*_j = 2 Σ_t e_t V_{t−j},  V_s = −e_s − Σ_k θ*_k V_{s−k}  (V = 0 before P),
///   ∂S/∂φ*_i = 2 Σ_t e_t D^i_t,    D^i_t = −x_{t−i} − Σ_k θ*_k D^i_{t−k}  (D = 0 before P).
/// Cost: O(n·(P + Q)·(1 + Q)) for value and gradient, against O(n·(P + Q)) per value.
/// The MA recursions sum their lags from the oldest to the newest, so the newest value
/// (the one just computed) enters last: one multiply-add on the critical path per step
/// instead of Q (these filters are latency-bound).
struct ConditionalSumOfSquares {
    var sumSquares: Double
    var count: Int
    var mean: Double
    /// ∂S/∂φ*_i (length P) then ∂S/∂θ*_j (length Q); empty unless requested.
    var gradient: [Double]

    /// `regressor` z (same length as w) replaces the constant column when `estimateMean`:
    /// then h_t = −(z_t − Σ φ*_i z_{t−i}) − Σ θ*_j h_{t−j}.
    init(w: [Double], ar phi: [Double], ma theta: [Double], mean fixedMean: Double, estimateMean: Bool, withGradient: Bool,
         regressor: [Double]? = nil) {
        let n = w.count, p = phi.count, q = theta.count
        count = max(n - p, 0)
        gradient = []
        guard n > p else { sumSquares = .nan; mean = fixedMean; return }
        var e = [Double](repeating: 0, count: n)
        var mu = fixedMean
        if estimateMean {
            let e0 = Self.residuals(x: w, phi: phi, theta: theta)
            // h at offset q (index t + q holds time t; zeros below P + q), as V below.
            var h = [Double](repeating: 0, count: n + q)
            let drive = -(1 - phi.reduce(0, +))
            var eh = 0.0, hh = 0.0
            h.withUnsafeMutableBufferPointer { h in
            theta.withUnsafeBufferPointer { theta in
            phi.withUnsafeBufferPointer { phi in
                for t in p..<n {
                    var v = drive
                    if let z = regressor {
                        v = -z[t]
                        for i in 0..<p { v += phi[i] * z[t - i - 1] }
                    }
                    for j in (0..<q).reversed() { v -= theta[j] * h[t + q - j - 1] }
                    h[t + q] = v
                }
                for t in p..<n { eh += e0[t] * h[t + q]; hh += h[t + q] * h[t + q] }
                mu = hh > 0 ? -eh / hh : 0
                e.withUnsafeMutableBufferPointer { e in
                e0.withUnsafeBufferPointer { e0 in
                    for t in p..<n { e[t] = e0[t] + mu * h[t + q] }
                }}
            }}}
        } else {
            e = Self.residuals(x: mu == 0 ? w : w.map { $0 - mu }, phi: phi, theta: theta)
        }
        mean = mu
        var s = 0.0
        for t in p..<n { s += e[t] * e[t] }
        sumSquares = s
        guard withGradient else { return }

        let x = mu == 0 ? w : w.map { $0 - mu }
        var grad = [Double](repeating: 0, count: p + q)
        // V and D live at offset q: index (row) t + q holds time t, and the zeros below
        // P + q stand for "0 before P", so the lag sums need no bounds.
        var v = [Double](repeating: 0, count: n + q)
        var d = [Double](repeating: 0, count: (n + q) * p)
        e.withUnsafeBufferPointer { e in
        x.withUnsafeBufferPointer { x in
        theta.withUnsafeBufferPointer { theta in
        v.withUnsafeMutableBufferPointer { v in
        d.withUnsafeMutableBufferPointer { d in
        grad.withUnsafeMutableBufferPointer { grad in
            // MA part: one filter V, then lagged dot products.
            if q > 0 {
                for t in p..<n {
                    var acc = -e[t]
                    for k in (0..<q).reversed() { acc -= theta[k] * v[t + q - k - 1] }
                    v[t + q] = acc
                }
                for j in 0..<q where p + j + 1 < n {
                    var acc = 0.0
                    for t in (p + j + 1)..<n { acc += e[t] * v[t + q - j - 1] }
                    grad[p + j] = 2 * acc
                }
            }
            // AR part: one filter per lag (the zero start at t = P differs per lag). The p
            // filters are independent, so they advance together, t outer, lag inner (row
            // t + q of D holds D^0_t … D^{p−1}_t): the same sums in the same order as one
            // filter at a time, without one long chain of dependent multiply-adds.
            if p > 0 {
                var value = [Double](repeating: 0, count: p)
                var acc = [Double](repeating: 0, count: p)
                value.withUnsafeMutableBufferPointer { value in
                acc.withUnsafeMutableBufferPointer { acc in
                    for t in p..<n {
                        for i in 0..<p { value[i] = -x[t - i - 1] }
                        for k in (0..<q).reversed() {
                            let row = (t + q - k - 1) * p
                            for i in 0..<p { value[i] -= theta[k] * d[row + i] }
                        }
                        let row = (t + q) * p
                        for i in 0..<p {
                            d[row + i] = value[i]
                            acc[i] += e[t] * value[i]
                        }
                    }
                    for i in 0..<p { grad[i] = 2 * acc[i] }
                }}
            }
        }}}}}}
        gradient = grad
    }

    /// e_t for t ≥ P (AR part first, independent across t; then the MA recursion).
    static func residuals(x: [Double], phi: [Double], theta: [Double]) -> [Double] {
        let n = x.count, p = phi.count, q = theta.count
        var e = [Double](repeating: 0, count: n)
        guard n > p else { return e }
        x.withUnsafeBufferPointer { x in
        e.withUnsafeMutableBufferPointer { e in
        phi.withUnsafeBufferPointer { phi in
        theta.withUnsafeBufferPointer { theta in
            for t in p..<n {
                var v = x[t]
                for i in 0..<p { v -= phi[i] * x[t - i - 1] }
                e[t] = v
            }
            if q == 0 { return }
            for t in p..<n {
                var v = e[t]
                for j in (0..<min(q, t - p)).reversed() { v -= theta[j] * e[t - j - 1] }
                e[t] = v
            }
        }}}}
        return e
    }
}
