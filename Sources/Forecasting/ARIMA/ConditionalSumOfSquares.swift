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
///
/// Every recursion above is the same filter 1/θ*(B) on a different input, so the filters
/// run as lanes of one SIMD vector: (e⁰, h) in the first pass, (V, D⁰ … D^{P−1}) in the
/// second. The lags are summed from the oldest to the newest, so the value just computed
/// enters last (one multiply and one subtract on each step's critical path; these filters
/// are latency-bound). Each lane does the scalar arithmetic of its own filter in the same
/// order, so the lanes change the speed, not the numbers.
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
        let n = w.count, p = phi.count
        count = max(n - p, 0)
        gradient = []
        guard n > p else { sumSquares = .nan; mean = fixedMean; return }
        // Residuals: e directly (fixed μ), or e⁰ and h (profiled μ), e_t = e⁰_t + μ̂ h_t.
        var residuals = Residuals(e: [], eh: [], mu: fixedMean, offset: theta.count)
        if estimateMean {
            (residuals.eh, residuals.mu) = Self.profiledResiduals(w: w, phi: phi, theta: theta, regressor: regressor)
        } else {
            residuals.e = [Double](repeating: 0, count: n)
            Self.residuals(w: w, mean: fixedMean, phi: phi, theta: theta, into: &residuals.e)
        }
        let mu = residuals.mu
        mean = mu
        guard withGradient else {
            var s = 0.0
            for t in p..<n { let et = residuals[t]; s += et * et }
            sumSquares = s
            return
        }
        let e = residuals
        // S = Σ e_t² (the same sum in the same order) is taken in the first gradient pass,
        // where its additions hide under the filters' longer chains.
        var grad = [Double](repeating: 0, count: p + theta.count)
        switch p {
        case 0...1: sumSquares = Self.gradientPass(SIMD2<Double>.self, w: w, e: e, mu: mu, p: p, firstLag: 0, theta: theta, into: &grad)
        case 2...3: sumSquares = Self.gradientPass(SIMD4<Double>.self, w: w, e: e, mu: mu, p: p, firstLag: 0, theta: theta, into: &grad)
        case 4...7: sumSquares = Self.gradientPass(SIMD8<Double>.self, w: w, e: e, mu: mu, p: p, firstLag: 0, theta: theta, into: &grad)
        default:
            // Long (seasonal) AR polynomials: 15 lags per pass; V and S are accumulated in the first.
            sumSquares = 0
            for first in stride(from: 0, to: p, by: 15) {
                let s = Self.gradientPass(SIMD16<Double>.self, w: w, e: e, mu: mu, p: p, firstLag: first, theta: theta, into: &grad)
                if first == 0 { sumSquares = s }
            }
        }
        gradient = grad
    }

    /// e_t for t ≥ P with the mean fixed at μ: the AR part, then the MA recursion, per step.
    private static func residuals(w: [Double], mean mu: Double, phi: [Double], theta: [Double], into e: inout [Double]) {
        let n = w.count, p = phi.count, q = theta.count
        e.withUnsafeMutableBufferPointer { e in
        w.withUnsafeBufferPointer { w in
        phi.withUnsafeBufferPointer { phi in
        theta.withUnsafeBufferPointer { theta in
            for t in p..<n {
                var v = w[t] - mu
                for i in 0..<p { v -= phi[i] * (w[t - i - 1] - mu) }
                for j in (0..<min(q, t - p)).reversed() { v -= theta[j] * e[t - j - 1] }
                e[t] = v
            }
        }}}}
    }

    /// e⁰ (lane 0) and h (lane 1), advancing together, and μ̂ = −Σe⁰h / Σh².
    private static func profiledResiduals(w: [Double], phi: [Double], theta: [Double], regressor: [Double]?)
        -> (eh: [SIMD2<Double>], mu: Double) {
        let n = w.count, p = phi.count, q = theta.count
        // Index t + q holds time t; the zeros below P + q stand for "0 before P".
        var eh = [SIMD2<Double>](repeating: .zero, count: n + q)
        let drive = -(1 - phi.reduce(0, +))
        var sumEH = 0.0, sumHH = 0.0
        eh.withUnsafeMutableBufferPointer { eh in
        w.withUnsafeBufferPointer { w in
        phi.withUnsafeBufferPointer { phi in
        theta.withUnsafeBufferPointer { theta in
            for t in p..<n {
                var a = w[t]
                for i in 0..<p { a -= phi[i] * w[t - i - 1] }
                var b = drive
                if let z = regressor {
                    b = -z[t]
                    for i in 0..<p { b += phi[i] * z[t - i - 1] }
                }
                var v = SIMD2(a, b)
                for j in (0..<q).reversed() { v -= theta[j] * eh[t + q - j - 1] }
                eh[t + q] = v
                sumEH += v[0] * v[1]
                sumHH += v[1] * v[1]
            }
        }}}}
        return (eh, sumHH > 0 ? -sumEH / sumHH : 0)
    }

    /// e_t for t ≥ P, either stored (`e`) or as e⁰_t + μ h_t from `eh` (index t + offset).
    struct Residuals {
        var e: [Double]
        var eh: [SIMD2<Double>]
        var mu: Double
        let offset: Int

        @inline(__always) subscript(t: Int) -> Double {
            eh.isEmpty ? e[t] : eh[t + offset][0] + mu * eh[t + offset][1]
        }
    }

    /// One pass of the gradient filters: lane 0 is V (input −e_t), lane l ≥ 1 is D^i for
    /// i = firstLag + l − 1 (input −x_{t−i−1}); lanes past P − 1 run on unused inputs and
    /// are ignored. Writes ∂S/∂φ*_i for the lanes' lags and, when firstLag = 0, ∂S/∂θ*.
    /// The last Q vectors live in a ring buffer (capacity a power of two > Q). Returns S.
    @inline(__always)
    private static func gradientPass<Lanes: SIMD>(
        _: Lanes.Type, w: [Double], e: Residuals, mu: Double, p: Int, firstLag: Int, theta: [Double], into grad: inout [Double]
    ) -> Double where Lanes.Scalar == Double {
        let n = w.count, q = theta.count, width = Lanes.scalarCount
        var capacity = 1
        while capacity <= q { capacity *= 2 }
        let mask = capacity - 1
        var ring = [Lanes](repeating: .zero, count: capacity)
        // rx[k] = −x_{n−1−k}: the inputs −x_{t−i−1} of lanes 1 … width−1 are contiguous,
        // rx[n − t + firstLag …]; padded so the last load stays inside.
        var rx = [Double](repeating: 0, count: n + width)
        for k in 0..<n { rx[k] = -(w[n - 1 - k] - mu) }
        var accD = Lanes.zero
        var accV = [Double](repeating: 0, count: firstLag == 0 ? q : 0)
        var s = 0.0
        let stored = e.eh.isEmpty, offset = e.offset
        ring.withUnsafeMutableBufferPointer { ring in
        rx.withUnsafeBufferPointer { rx in
        e.e.withUnsafeBufferPointer { ePlain in
        e.eh.withUnsafeBufferPointer { eh in
        theta.withUnsafeBufferPointer { theta in
        accV.withUnsafeMutableBufferPointer { accV in
            let inputs = UnsafeRawPointer(rx.baseAddress!)
            for t in p..<n {
                var value = inputs.loadUnaligned(fromByteOffset: (n &- t &- 1 &+ firstLag) &* 8, as: Lanes.self)
                let et = stored ? ePlain[t] : eh[t &+ offset][0] + mu * eh[t &+ offset][1]
                s += et * et
                value[0] = -et
                for k in (0..<q).reversed() { value -= theta[k] * ring[(t &- k &- 1) & mask] }
                for j in 0..<accV.count { accV[j] += et * ring[(t &- j &- 1) & mask][0] }
                ring[t & mask] = value
                accD += et * value
            }
        }}}}}}
        for l in 1..<width where firstLag + l - 1 < p { grad[firstLag + l - 1] = 2 * accD[l] }
        for j in 0..<accV.count { grad[p + j] = 2 * accV[j] }
        return s
    }
}
