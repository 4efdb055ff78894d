/// Exact Kalman filter of a zero-mean ARMA(r−1 … ) process in Harvey's state-space form,
/// in units of σ² (so the scale can be concentrated out of the likelihood):
///
///   x_t = Z α_t,                    Z = (1, 0, …, 0)            (1 × r)
///   α_{t+1} = T α_t + R ε_{t+1},    T = [φ | I_{r−1}; 0ᵀ]       (r × r)
///                                    R = (1, θ₁, …, θ_{r−1})ᵀ    (r × 1)
///
/// with r = max(p, q + 1), φ and θ zero-padded to r, and α₁ ~ N(0, P₀), P₀ = T P₀ Tᵀ + R Rᵀ
/// (the stationary covariance; Gardner, Harvey & Phillips 1980). The filter keeps the
/// one-step prediction a_{t+1|t}, P_{t+1|t}; once P stops changing (steady state), the
/// covariance recursions are skipped.
import Foundation

struct ARMAKalmanFilter: Sendable, Codable, Equatable {
    let r: Int
    /// φ padded to r.
    let phi: [Double]
    /// R = (1, θ₁, …, θ_{r−1}).
    let loading: [Double]
    /// a_{t|t−1}, shape r.
    private(set) var state: [Double]
    /// P_{t|t−1}, row-major r × r.
    private(set) var covariance: [Double]
    private(set) var steady: Bool

    init(ar: [Double], ma: [Double]) {
        let r = max(ar.count, ma.count + 1)
        self.r = r
        phi = ar + [Double](repeating: 0, count: r - ar.count)
        loading = [1] + ma + [Double](repeating: 0, count: r - 1 - ma.count)
        state = [Double](repeating: 0, count: r)
        covariance = []
        steady = false
        covariance = Self.stationaryCovariance(phi: phi, loading: loading)
    }

    /// P₀ = Σ_k Tᵏ R Rᵀ (Tᵀ)ᵏ by doubling: P ← P + A P Aᵀ, A ← A², converging like ρ(T)^{2ᵏ}.
    static func stationaryCovariance(phi: [Double], loading: [Double]) -> [Double] {
        let r = phi.count
        var p = [Double](repeating: 0, count: r * r)
        for i in 0..<r { for j in 0..<r { p[i * r + j] = loading[i] * loading[j] } }
        var a = [Double](repeating: 0, count: r * r)
        for i in 0..<r {
            a[i * r] = phi[i]
            if i + 1 < r { a[i * r + i + 1] = 1 }
        }
        for _ in 0..<64 {
            let apa = multiply(multiply(a, p, r), transpose(a, r), r)
            var change = 0.0, size = 0.0
            for k in 0..<(r * r) {
                p[k] += apa[k]
                change = max(change, abs(apa[k])); size = max(size, abs(p[k]))
            }
            if !(change > 1e-15 * size) { break }
            a = multiply(a, a, r)
        }
        return p
    }

    /// Filters one observation x_t (already demeaned); returns the innovation v_t and its
    /// variance F_t (in units of σ²), and moves to a_{t+1|t}, P_{t+1|t}.
    @inline(__always)
    mutating func update(_ x: Double) -> (innovation: Double, variance: Double) {
        let v = x - state[0]
        let f = covariance[0]
        // Filtered state a_{t|t} = a + P[:,0] v / F, then a_{t+1|t} = T a_{t|t}.
        let gain = v / f
        for i in 0..<r { state[i] += covariance[i * r] * gain }
        let first = state[0]
        for i in 0..<r { state[i] = phi[i] * first + (i + 1 < r ? state[i + 1] : 0) }
        if !steady { advanceCovariance(f) }
        return (v, f)
    }

    /// P_{t|t} = P − P[:,0] P[0,:] / F;  P_{t+1|t} = T P_{t|t} Tᵀ + R Rᵀ.
    private mutating func advanceCovariance(_ f: Double) {
        var filtered = covariance
        for i in 0..<r { for j in 0..<r { filtered[i * r + j] -= covariance[i * r] * covariance[j] / f } }
        // M = T P: M_ij = φ_i P_0j + P_{i+1,j};  N = M Tᵀ: N_ij = M_i0 φ_j + M_{i,j+1}.
        var m = [Double](repeating: 0, count: r * r)
        for i in 0..<r { for j in 0..<r {
            m[i * r + j] = phi[i] * filtered[j] + (i + 1 < r ? filtered[(i + 1) * r + j] : 0)
        } }
        var change = 0.0
        for i in 0..<r { for j in 0..<r {
            let next = m[i * r] * phi[j] + (j + 1 < r ? m[i * r + j + 1] : 0) + loading[i] * loading[j]
            change = max(change, abs(next - covariance[i * r + j]))
            covariance[i * r + j] = next
        } }
        if change < Self.steadyTolerance { steady = true }
    }

    /// Sums over a block of observations x_t for the likelihood, in units of σ²:
    /// Σ v_t²/F_t, Σ log F_t and, when `withMean`, the same filter run on the constant
    /// regressor 1 (innovations u_t; same F_t and gains since they do not depend on data):
    /// Σ v_t u_t/F_t and Σ u_t²/F_t. Innovations are linear in the data, so with a mean μ
    /// they are v_t − μ u_t, and GLS gives μ̂ = Σvu/F / Σu²/F.
    struct Sums { var vv = 0.0, vu = 0.0, uu = 0.0, logF = 0.0 }

    /// Filters the whole block (the arithmetic of `update`, with scratch space allocated
    /// once); once P has converged (F_t constant) only raw products are accumulated and
    /// scaled by 1/F at the end.
    /// `regressor` z_t replaces the constant 1 when given (regression with ARMA errors).
    mutating func accumulate(_ x: [Double], withMean: Bool, regressor: [Double]? = nil) -> Sums {
        let z = regressor ?? []
        let useColumn = !z.isEmpty
        let r = self.r
        var a = state, p = covariance, isSteady = steady
        var b = [Double](repeating: 0, count: r)   // state of the regressor filter
        var filtered = [Double](repeating: 0, count: r * r)
        var m = [Double](repeating: 0, count: r * r)
        var sums = Sums()
        var rawVV = 0.0, rawVU = 0.0, rawUU = 0.0, steadyCount = 0
        let n = x.count
        a.withUnsafeMutableBufferPointer { a in
        b.withUnsafeMutableBufferPointer { b in
        p.withUnsafeMutableBufferPointer { p in
        filtered.withUnsafeMutableBufferPointer { pf in
        m.withUnsafeMutableBufferPointer { m in
        phi.withUnsafeBufferPointer { phi in
        loading.withUnsafeBufferPointer { rr in
        x.withUnsafeBufferPointer { x in
            var t = 0
            while t < n && !isSteady {
                let v = x[t] - a[0]
                let f = p[0]
                sums.vv += v * v / f
                sums.logF += log(f)
                let gain = v / f
                for i in 0..<r { a[i] += p[i * r] * gain }
                let first = a[0]
                for i in 0..<(r - 1) { a[i] = phi[i] * first + a[i + 1] }
                a[r - 1] = phi[r - 1] * first
                if withMean {
                    let u = (useColumn ? z[t] : 1) - b[0]
                    sums.vu += v * u / f
                    sums.uu += u * u / f
                    let ug = u / f
                    for i in 0..<r { b[i] += p[i * r] * ug }
                    let b0 = b[0]
                    for i in 0..<(r - 1) { b[i] = phi[i] * b0 + b[i + 1] }
                    b[r - 1] = phi[r - 1] * b0
                }
                for i in 0..<r {
                    let pi0 = p[i * r] / f
                    for j in 0..<r { pf[i * r + j] = p[i * r + j] - pi0 * p[j] }
                }
                for i in 0..<r {
                    for j in 0..<r { m[i * r + j] = phi[i] * pf[j] + (i + 1 < r ? pf[(i + 1) * r + j] : 0) }
                }
                // P is symmetric: fill the upper triangle and mirror it.
                var change = 0.0
                for i in 0..<r {
                    let mi0 = m[i * r], ri = rr[i]
                    for j in i..<r {
                        let next = mi0 * phi[j] + (j + 1 < r ? m[i * r + j + 1] : 0) + ri * rr[j]
                        change = max(change, abs(next - p[i * r + j]))
                        p[i * r + j] = next
                        p[j * r + i] = next
                    }
                }
                if change < Self.steadyTolerance { isSteady = true }
                t += 1
            }
            // Steady state: constant gain K = P[:,0]/F.
            let f = p[0]
            var gain = [Double](repeating: 0, count: r)
            for i in 0..<r { gain[i] = p[i * r] / f }
            while t < n {
                let v = x[t] - a[0]
                rawVV += v * v
                for i in 0..<r { a[i] += gain[i] * v }
                let first = a[0]
                for i in 0..<(r - 1) { a[i] = phi[i] * first + a[i + 1] }
                a[r - 1] = phi[r - 1] * first
                if withMean {
                    let u = (useColumn ? z[t] : 1) - b[0]
                    rawVU += v * u
                    rawUU += u * u
                    for i in 0..<r { b[i] += gain[i] * u }
                    let b0 = b[0]
                    for i in 0..<(r - 1) { b[i] = phi[i] * b0 + b[i + 1] }
                    b[r - 1] = phi[r - 1] * b0
                }
                t += 1
                steadyCount += 1
            }
            if steadyCount > 0 {
                sums.vv += rawVV / f
                sums.vu += rawVU / f
                sums.uu += rawUU / f
                sums.logF += Double(steadyCount) * log(f)
            }
        }}}}}}}}
        state = a
        covariance = p
        steady = isSteady
        return sums
    }

    /// P counts as converged when no entry moved by more than this in one step (in units
    /// of σ²). Freezing F_t there changes Σ log F_t by at most n × ~1e-7 even for MA roots
    /// close to the unit circle, far below what separates competing models.
    static let steadyTolerance = 1e-10

    /// E[x_{t+k} | x ≤ t] for k = 1 … steps, from a_{t+1|t}: Z T^{k−1} a_{t+1|t}.
    func forecast(steps: Int) -> [Double] {
        var a = state
        var out = [Double](repeating: 0, count: steps)
        for k in 0..<steps {
            out[k] = a[0]
            let a0 = a[0]
            for i in 0..<r { a[i] = phi[i] * a0 + (i + 1 < r ? a[i + 1] : 0) }
        }
        return out
    }
}

private func multiply(_ a: [Double], _ b: [Double], _ r: Int) -> [Double] {
    var c = [Double](repeating: 0, count: r * r)
    for i in 0..<r { for k in 0..<r where a[i * r + k] != 0 { for j in 0..<r { c[i * r + j] += a[i * r + k] * b[k * r + j] } } }
    return c
}

private func transpose(_ a: [Double], _ r: Int) -> [Double] {
    var t = a
    for i in 0..<r { for j in 0..<r { t[j * r + i] = a[i * r + j] } }
    return t
}
