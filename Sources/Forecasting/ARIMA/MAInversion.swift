import Foundation

/// R's `maInvert` (stats/R/arima.R), applied after an optimisation that left the MA
/// coefficients free: the roots z_k of θ(z) = 1 + θ₁z + … + θ_q z^q inside the unit circle
/// are replaced by 1/z_k and θ is rebuilt as Π_k (1 − z/z_k). An MA process and the one with
/// a root inverted have autocovariances in a fixed ratio (|z_k|²), so the exact likelihood
/// concentrated over σ² is the same; only σ² changes.
///
/// Shapes: θ₁ … θ_q in, the same length out; trailing zeros stay zeros (q₀ = the last
/// non-zero lag). A degree-1 polynomial is inverted in closed form (θ₁ → 1/θ₁), as R does.
enum MAInversion {
    static func invertible(_ theta: [Double]) -> [Double] {
        guard let last = theta.lastIndex(where: { $0 != 0 }) else { return theta }
        let degree = last + 1
        let tail = [Double](repeating: 0, count: theta.count - degree)
        if degree == 1 { return abs(theta[0]) < 1 ? theta : [1 / theta[0]] + tail }
        var roots = polynomialRoots([1] + theta[...last])
        guard roots.contains(where: { $0.modulus < 1 }) else { return theta }
        roots = roots.map { $0.modulus < 1 ? $0.reciprocal : $0 }
        // Π_k (1 − z/z_k), coefficients from z⁰ up.
        var product = [Complex(1, 0)]
        for root in roots {
            let r = root.reciprocal
            var next = product + [Complex(0, 0)]
            for i in product.indices { next[i + 1] = next[i + 1] - product[i] * r }
            product = next
        }
        return product.dropFirst().map(\.re) + tail
    }

    /// Roots of c₀ + c₁z + … + c_k zᵏ (c_k ≠ 0) by Durand–Kerner (Weierstrass) iteration;
    /// k ≤ 5 in AutoARIMA (seasonal MA parts are polynomials in zˢ of degree ≤ 2).
    static func polynomialRoots(_ c: [Double]) -> [Complex] {
        let k = c.count - 1
        guard k > 0 else { return [] }
        let monic = c.map { Complex($0 / c[k], 0) }
        func value(_ z: Complex) -> Complex {
            var v = Complex(1, 0)
            for i in stride(from: k - 1, through: 0, by: -1) { v = v * z + monic[i] }
            return v
        }
        var roots = (0..<k).map { Complex.power(Complex(0.4, 0.9), $0) }
        for _ in 0..<500 {
            var moved = 0.0
            for i in 0..<k {
                var denominator = Complex(1, 0)
                for j in 0..<k where j != i { denominator = denominator * (roots[i] - roots[j]) }
                let step = value(roots[i]) / denominator
                roots[i] = roots[i] - step
                moved = max(moved, step.modulus / max(roots[i].modulus, 1))
            }
            if moved < 1e-14 { break }
        }
        return roots
    }

    struct Complex {
        var re: Double, im: Double
        init(_ re: Double, _ im: Double) { self.re = re; self.im = im }
        var modulus: Double { (re * re + im * im).squareRoot() }
        var reciprocal: Complex { let m = re * re + im * im; return Complex(re / m, -im / m) }
        static func + (a: Complex, b: Complex) -> Complex { Complex(a.re + b.re, a.im + b.im) }
        static func - (a: Complex, b: Complex) -> Complex { Complex(a.re - b.re, a.im - b.im) }
        static func * (a: Complex, b: Complex) -> Complex { Complex(a.re * b.re - a.im * b.im, a.re * b.im + a.im * b.re) }
        static func / (a: Complex, b: Complex) -> Complex { a * b.reciprocal }
        static func power(_ z: Complex, _ n: Int) -> Complex { (0..<n).reduce(Complex(1, 0)) { acc, _ in acc * z } }
    }
}

extension ARIMACoefficients {
    /// The same model with invertible MA parts (`MAInversion` on θ and on Θ separately, as
    /// R's arima does after optimising with `transform.pars`).
    func withInvertibleMA() -> ARIMACoefficients {
        var c = self
        c.ma = MAInversion.invertible(ma)
        c.seasonalMA = MAInversion.invertible(seasonalMA)
        return c
    }
}
