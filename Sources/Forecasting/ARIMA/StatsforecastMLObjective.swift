import Foundation

/// statsforecast 2.1.1's ML objective (`armafn` in `arima`) at several points at once:
///   f(x) = ½ (log(Σ v²/F / ν) + Σ log F / ν)
/// over the Kalman innovations v, variances F (units of σ²) of the series less β times its
/// regressor, ν the innovations counted.
///
/// Its Kalman filter keeps state between calls: each call resets the ARMA block of the
/// initial covariance and the state to 0 but leaves the block of the differencing states
/// where the previous call's filter ended — known exactly (variance ~1e-17) instead of
/// diffuse (κ = 1e6). So with d + D > 0 only the first call is the exact likelihood of
/// w = (1 − B)ᵈ(1 − Bˢ)ᴰ x (ν = n − d − sD); every later call is the likelihood of the
/// whole series differenced with a pre-sample of zeros (ν = n). SciPy's BFGS evaluates x₀
/// first, alone; its gradient there, and every step after, see the second objective — on
/// series whose level is far from 0 no step lowers it below f(x₀) and the ML fit stays at
/// the CSS estimate. We reproduce both (statsforecast's candidates are what we compare to).
struct StatsforecastMLObjective {
    /// y (n), w = differenced y (n − d − sD), δ of the differencing.
    let y: [Double], w: [Double], delta: [Double]
    let period: Int
    /// The constant's regressor: 1 (mean, no differencing), t = 1 … n (drift); `scale` is
    /// its differenced value, so that μ of w is β · scale.
    let hasConstant: Bool, scale: Double
    let decode: ([Double]) -> ARIMACoefficients
    private var calls = 0

    init(y: [Double], w: [Double], delta: [Double], period: Int, hasConstant: Bool, scale: Double,
         decode: @escaping ([Double]) -> ARIMACoefficients) {
        self.y = y; self.w = w; self.delta = delta; self.period = period
        self.hasConstant = hasConstant; self.scale = scale; self.decode = decode
    }

    mutating func values(_ points: [[Double]]) -> [Double] {
        defer { calls += 1 }
        let coefficients = points.map(decode)
        guard !delta.isEmpty else { return Self.objective(ARMALikelihood.batch(w: w, coefficients: coefficients, period: period)) }
        var results = [Double](repeating: 0, count: points.count)
        var first = 0
        if calls == 0 {
            results[0] = Self.objective(ARMALikelihood.batch(w: w, coefficients: [coefficients[0]], period: period))[0]
            first = 1
        }
        // Later points: the series less βt, differenced with zeros before it; β groups filters.
        var groups: [Double: [Int]] = [:]
        for k in first..<points.count { groups[hasConstant ? coefficients[k].constant / scale : 0, default: []].append(k) }
        for (beta, members) in groups {
            let x = [Double](repeating: 0, count: delta.count) + y.indices.map { y[$0] - beta * Double($0 + 1) }
            let whole = ARIMAPolynomials.difference(x, delta: delta)
            let zeroMean = members.map { k -> ARIMACoefficients in var c = coefficients[k]; c.constant = 0; return c }
            for (k, value) in zip(members, Self.objective(ARMALikelihood.batch(w: whole, coefficients: zeroMean, period: period))) {
                results[k] = value
            }
        }
        return results
    }

    private static func objective(_ likelihoods: [ARMALikelihood]) -> [Double] {
        likelihoods.map { l in
            guard l.count > 0 else { return .infinity }
            let nu = Double(l.count)
            let s2 = l.sumSquares / nu
            return s2 <= 0 ? .nan : 0.5 * (log(s2) + l.sumLogVariance / nu)
        }
    }
}
