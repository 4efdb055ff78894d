/// statsforecast 2.1.1's conditional sum of squares (`arima_css` in its arima.cpp, R's
/// ARIMA_CSS), in its order of operations so that `SciPyBFGS` sees the same values to the
/// last bits: x_t = y_t − β z_t (z = 1 or t + 1, the constant's regressor), differenced in
/// place from the end (d times at lag 1, D times at lag s), then for t ≥ c = p* + d + sD
///   e_t = x_t − Σ_{j<p*} φ*_j x_{t−j−1} − Σ_{j<min(t−c, q*)} θ*_j e_{t−j−1}
/// (lags in increasing order) and S/ν = Σ e_t² / ν over the ν finite e_t.
/// `ConditionalSumOfSquares` computes the same sum on w in another order (and with a gradient).
///
/// Shapes: y (n); φ* (p*) and θ* (q*) the expanded polynomials. Returns S/ν.
enum StatsforecastCSS {
    enum Regressor { case none, intercept, time }

    static func meanSquare(y: [Double], beta: Double, regressor: Regressor, d: Int, seasonalD: Int, period: Int,
                           phi: [Double], theta: [Double]) -> Double {
        let n = y.count, p = phi.count, q = theta.count
        var w = y
        switch regressor {
        case .none: break
        case .intercept: for l in 0..<n { w[l] = y[l] - beta }
        case .time: for l in 0..<n { w[l] = y[l] - Double(l + 1) * beta }
        }
        for _ in 0..<d { for l in stride(from: n - 1, to: 0, by: -1) { w[l] -= w[l - 1] } }
        for _ in 0..<seasonalD { for l in stride(from: n - 1, through: period, by: -1) { w[l] -= w[l - period] } }
        let ncond = p + d + period * seasonalD
        var resid = [Double](repeating: 0, count: n)
        var ssq = 0.0
        var nu = 0
        guard ncond < n else { return .nan }
        for l in ncond..<n {
            var tmp = w[l]
            for j in 0..<p { tmp -= phi[j] * w[l - j - 1] }
            for j in 0..<min(l - ncond, q) where l - j - 1 >= 0 { tmp -= theta[j] * resid[l - j - 1] }
            resid[l] = tmp
            if !tmp.isNaN { nu += 1; ssq += tmp * tmp }
        }
        return ssq / Double(nu)
    }
}
