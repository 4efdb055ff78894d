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

    /// Filters the whole block (the arithmetic of `update`; the two phases are `KalmanPass`'s):
    /// once P has converged (F_t constant) only raw products are accumulated and scaled by
    /// 1/F at the end. `regressor` z_t replaces the constant 1 when given (regression with
    /// ARMA errors).
    mutating func accumulate(_ x: [Double], withMean: Bool, regressor: [Double]? = nil) -> Sums {
        var pass = KalmanPass(self)
        pass.runTransient(x, withMean: withMean, regressor: regressor ?? [])
        pass.runSteady(x, until: x.count, withMean: withMean, regressor: regressor ?? [])
        finish(pass)
        return pass.result
    }

    /// Keeps a pass's end state (a_{n+1|n}, P, steadiness) for forecasting and later blocks.
    mutating func finish(_ pass: KalmanPass) {
        state = pass.a
        covariance = pass.p
        steady = pass.isSteady
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
