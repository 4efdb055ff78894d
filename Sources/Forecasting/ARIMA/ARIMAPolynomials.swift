import Foundation

/// Polynomial helpers of the ARIMA family. Coefficient arrays hold c₀ … c_k of
/// c(z) = c₀ + c₁z + … + c_k zᵏ unless the name says otherwise.
enum ARIMAPolynomials {
    /// Product a(z)·b(z); shapes (m+1), (n+1) → (m+n+1).
    static func multiply(_ a: [Double], _ b: [Double]) -> [Double] {
        guard !a.isEmpty, !b.isEmpty else { return [] }
        var c = [Double](repeating: 0, count: a.count + b.count - 1)
        for i in a.indices where a[i] != 0 {
            for j in b.indices { c[i + j] += a[i] * b[j] }
        }
        return c
    }

    /// φ(z)Φ(zˢ) = 1 − Σ_k φ*_k zᵏ; returns φ* (length p + sP).
    static func expandedAR(_ ar: [Double], seasonal sar: [Double], period: Int) -> [Double] {
        var a = [1.0] + ar.map { -$0 }
        var b = [Double](repeating: 0, count: sar.count * max(period, 1) + 1)
        b[0] = 1
        for (j, v) in sar.enumerated() { b[(j + 1) * period] = -v }
        a = multiply(a, b)
        return a.dropFirst().map { -$0 }
    }

    /// θ(z)Θ(zˢ) = 1 + Σ_k θ*_k zᵏ; returns θ* (length q + sQ).
    static func expandedMA(_ ma: [Double], seasonal sma: [Double], period: Int) -> [Double] {
        let a = [1.0] + ma
        var b = [Double](repeating: 0, count: sma.count * max(period, 1) + 1)
        b[0] = 1
        for (j, v) in sma.enumerated() { b[(j + 1) * period] = v }
        return Array(multiply(a, b).dropFirst())
    }

    /// (1 − B)ᵈ(1 − Bˢ)ᴰ = 1 − Σ_{j=1}^{d+sD} δ_j Bʲ; returns δ (length d + sD), so that
    /// y_t = w_t + Σ_j δ_j y_{t−j} inverts w = (1 − B)ᵈ(1 − Bˢ)ᴰ y.
    static func differencing(d: Int, seasonalD: Int, period: Int) -> [Double] {
        var c = [1.0]
        for _ in 0..<d { c = multiply(c, [1, -1]) }
        for _ in 0..<seasonalD {
            var b = [Double](repeating: 0, count: period + 1)
            b[0] = 1; b[period] = -1
            c = multiply(c, b)
        }
        return c.dropFirst().map { -$0 }
    }

    /// w_t = y_t − Σ_j δ_j y_{t−j} for t = m … n−1 (m = δ.count); shape n → n − m.
    static func difference(_ y: [Double], delta: [Double]) -> [Double] {
        let m = delta.count
        guard y.count > m else { return [] }
        return (m..<y.count).map { t in
            var w = y[t]
            for j in 0..<m { w -= delta[j] * y[t - j - 1] }
            return w
        }
    }

    /// ψ-weights of y: ψ(z) = θ*(z) / (φ*(z)·δ(z)), ψ₀ = 1, first `count` of them.
    /// h-step forecast error variance = σ² Σ_{j<h} ψ_j².
    static func psiWeights(ar: [Double], ma: [Double], delta: [Double], count: Int) -> [Double] {
        // Full AR side 1 − Σ a_i zⁱ = φ*(z)·δ(z).
        let full = multiply([1.0] + ar.map { -$0 }, [1.0] + delta.map { -$0 })
        let a = full.dropFirst().map { -$0 }
        var psi = [Double](repeating: 0, count: count)
        guard count > 0 else { return psi }
        psi[0] = 1
        for j in 1..<count {
            var v = j <= ma.count ? ma[j - 1] : 0
            for i in 0..<min(j, a.count) { v += a[i] * psi[j - i - 1] }
            psi[j] = v
        }
        return psi
    }
}

/// Maps ℝᵏ onto the coefficients of stationary AR polynomials 1 − Σ φ_i zⁱ (Jones 1980,
/// Monahan 1984): r_k = x_k / √(1 + x_k²) ∈ (−1, 1) are partial autocorrelations, and the
/// Durbin–Levinson recursion φ_{k,k} = r_k, φ_{k,i} = φ_{k−1,i} − r_k φ_{k−1,k−i} gives φ.
/// Invertible MA polynomials 1 + Σ θ_i zⁱ use θ = −φ(x).
enum StationarityTransform {
    static func constrain(_ x: [Double]) -> [Double] {
        var phi: [Double] = []
        for (k, xk) in x.enumerated() {
            let r = xk / (1 + xk * xk).squareRoot()
            var next = phi
            for i in 0..<k { next[i] = phi[i] - r * phi[k - 1 - i] }
            next.append(r)
            phi = next
        }
        return phi
    }

    /// Inverse of `constrain` for a stationary φ; partial autocorrelations are clamped to
    /// ±`limit` so that start values taken from a CSS fit stay inside the region.
    static func unconstrain(_ phi: [Double], limit: Double = 0.99) -> [Double] {
        var current = phi
        var partials = [Double](repeating: 0, count: phi.count)
        for k in stride(from: phi.count - 1, through: 0, by: -1) {
            let r = max(-limit, min(limit, current[k]))
            partials[k] = r
            guard k > 0 else { break }
            var previous = [Double](repeating: 0, count: k)
            let denom = 1 - r * r
            for i in 0..<k { previous[i] = (current[i] + r * current[k - 1 - i]) / denom }
            current = previous
        }
        if partials.contains(where: { !$0.isFinite }) { return [Double](repeating: 0, count: phi.count) }
        return partials.map { $0 / (1 - $0 * $0).squareRoot() }
    }
}

extension ARIMAPolynomials {
    /// True when every root of 1 − Σ a_i zⁱ lies outside |z| = `radius` (Schur–Cohn via
    /// the reverse Durbin–Levinson recursion on a_i·radiusⁱ: all partials |r_k| < 1).
    /// forecast::auto.arima rejects fits whose AR or MA roots are inside 1.01.
    /// statsforecast 2.1.1's usability test of an expanded polynomial (myarima's minroot):
    /// trimmed after its last coefficient with |c| > 1e-8, roots tested only when that
    /// coefficient is at lag 2 or later — so a degree-1 polynomial (AR(1), MA(1) parts,
    /// whatever the coefficient) always passes, where R tests it too.
    static func rootsOutsideAsStatsforecast(_ a: [Double], radius: Double) -> Bool {
        guard let last = a.lastIndex(where: { abs($0) > 1e-8 }), last > 0 else { return true }
        return rootsOutside(Array(a[...last]), radius: radius)
    }

    static func rootsOutside(_ a: [Double], radius: Double) -> Bool {
        var current = a.enumerated().map { $1 * pow(radius, Double($0 + 1)) }
        while let last = current.last, last == 0 { current.removeLast() }
        for k in stride(from: current.count - 1, through: 0, by: -1) {
            let r = current[k]
            guard abs(r) < 1 else { return false }
            guard k > 0 else { break }
            let denom = 1 - r * r
            current = (0..<k).map { i in (current[i] + r * current[k - 1 - i]) / denom }
        }
        return true
    }
}
