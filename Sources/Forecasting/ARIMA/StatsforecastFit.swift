import Foundation

/// One AutoARIMA candidate fitted the way statsforecast 2.1.1's `arima` fits it (R's
/// stats::arima as ported there): method "CSS" during an approximate search, "CSS-ML" for
/// the exact fits, both with `SciPyBFGS` (gtol 1e-8, 100 iterations) on statsforecast's
/// parameters. The AutoARIMA differential test compares final orders, and which candidate
/// wins depends on where each optimiser stops, not only on the optima.
///
/// y has n points; w = (1 − B)ᵈ(1 − Bˢ)ᴰ y has m = n − d − sD. The parameter vector is
/// x = (φ₁…φ_p, θ₁…θ_q, Φ₁…Φ_P, Θ₁…Θ_Q[, β]) with β the coefficient of the constant's
/// regressor (1 when d + D = 0, the time index when d + D = 1), so w − β z with z the
/// differenced regressor (1, or s for a drift under a seasonal difference only).
/// - CSS: f(x) = ½ log(S/(m − p − sP)), S the conditional sum of squares of w − βz
///   (`ConditionalSumOfSquares`) on the raw coefficients; start 0, β₀ = OLS of w on z.
/// - ML: from the CSS point (unless CSS hit its iteration limit: then from the CSS start),
///   AR parts mapped by r = tanh(x) and Durbin–Levinson (statsforecast's `partrans`; its
///   `transform_pars` leaves the MA parts free), f = `StatsforecastMLObjective` (the exact
///   likelihood of w − βz on its first call only, as statsforecast's), ℓ = −m f − ½ m (1 + log 2π)
///   at the point where BFGS stops.
///   statsforecast's `maInvert` never fires (its q₀ is always 0), so the MA part stays
///   where the optimiser left it; the returned coefficients have it made invertible
///   (`withInvertibleMA`, same likelihood) and `Estimate.optimised` keeps it as found.
struct StatsforecastFit {
    let specification: ARIMASpecification
    private let y: [Double], w: [Double], delta: [Double]
    private let regressor: Double
    private let period: Int

    /// The CSS optimum of one candidate, kept so that its exact refit starts from it.
    struct CSS {
        var estimate: ARIMAEstimator.Estimate
        var point: [Double]
        var start: [Double]
        var status: Int
    }

    init(specification: ARIMASpecification, series y: [Double]) throws(ARIMAError) {
        try specification.validate()
        self.specification = specification
        period = specification.seasonal.period
        self.y = y
        delta = ARIMAPolynomials.differencing(d: specification.order.d, seasonalD: specification.seasonal.d, period: period)
        w = ARIMAPolynomials.difference(y, delta: delta)
        regressor = specification.order.d == 0 && specification.seasonal.d == 1 ? Double(period) : 1
        let needed = max(specification.coefficientCount + 3, specification.expandedARDegree + 2)
        guard w.count >= needed else { throw .tooShort(count: y.count, needed: needed + delta.count, model: specification.description) }
    }

    /// Coefficients of x with the AR parts as given (`transformAR` false) or through tanh.
    private func coefficients(_ x: [Double], transformAR: Bool) -> ARIMACoefficients {
        let s = specification
        var i = 0
        func take(_ n: Int) -> [Double] { defer { i += n }; return Array(x[i..<(i + n)]) }
        let ar = take(s.order.p), ma = take(s.order.q), sar = take(s.seasonal.p), sma = take(s.seasonal.q)
        return ARIMACoefficients(
            ar: transformAR ? Self.partrans(ar) : ar, ma: ma,
            seasonalAR: transformAR ? Self.partrans(sar) : sar, seasonalMA: sma,
            constant: s.includeConstant ? x[i] * regressor : 0)
    }

    private var parameterCount: Int { specification.coefficientCount }

    func css() throws(ARIMAError) -> CSS {
        var start = [Double](repeating: 0, count: parameterCount)
        if specification.includeConstant { start[parameterCount - 1] = w.reduce(0, +) / Double(w.count) / regressor }
        let s = specification
        let kind: StatsforecastCSS.Regressor = !s.includeConstant ? .none : (s.order.d + s.seasonal.d == 0 ? .intercept : .time)
        func meanSquare(_ x: [Double]) -> Double {
            let c = coefficients(x, transformAR: false)
            return StatsforecastCSS.meanSquare(
                y: y, beta: s.includeConstant ? x[parameterCount - 1] : 0, regressor: kind, d: s.order.d,
                seasonalD: s.seasonal.d, period: period, phi: c.expandedAR(period: period), theta: c.expandedMA(period: period))
        }
        let result = SciPyBFGS().minimize(from: start) { points in
            points.map { x in
                let res = meanSquare(x)
                if res == .infinity { return .greatestFiniteMagnitude }
                return res <= 0 ? -.infinity : 0.5 * log(res)
            }
        }
        let sigma2 = meanSquare(result.point)
        guard sigma2 > 0, sigma2.isFinite else {
            throw .optimizationFailed(model: specification.description, reason: "the conditional sum of squares is \(sigma2)")
        }
        let m = Double(w.count)
        let summary = ARIMAFitSummary(
            logLikelihood: -0.5 * m * (log(2 * Double.pi * sigma2) + 1), observations: w.count,
            parameterCount: parameterCount + 1, iterations: result.iterations, converged: result.status == 0,
            note: "conditional sum of squares", modelsTried: nil)
        let estimate = ARIMAEstimator.Estimate(coefficients: coefficients(result.point, transformAR: false), sigma2: sigma2, summary: summary)
        return CSS(estimate: estimate, point: result.point, start: start, status: result.status)
    }

    /// CSS-ML from `css` (the candidate's CSS fit when the search has it, else run here).
    func exact(css known: CSS? = nil) throws(ARIMAError) -> ARIMAEstimator.Estimate {
        let css: CSS
        if let known { css = known } else { css = try self.css() }
        let s = specification
        var start = css.status == 1 ? css.start : css.point
        // AR parts to the optimiser's coordinates (R's ARIMA_invtrans); a non-stationary
        // CSS AR part has no such coordinates (atanh of a partial outside (−1, 1)).
        start.replaceSubrange(0..<s.order.p, with: Self.inversePartrans(Array(start[0..<s.order.p])))
        let seasonalAR = s.order.p + s.order.q
        start.replaceSubrange(seasonalAR..<(seasonalAR + s.seasonal.p),
                              with: Self.inversePartrans(Array(start[seasonalAR..<(seasonalAR + s.seasonal.p)])))
        guard start.allSatisfy(\.isFinite) else {
            throw .optimizationFailed(model: s.description, reason: "the CSS estimate's AR part is not stationary")
        }
        let m = Double(w.count)
        var objective = StatsforecastMLObjective(
            y: y, w: w, delta: delta, period: period, hasConstant: s.includeConstant, scale: regressor,
            decode: { coefficients($0, transformAR: true) })
        let result = SciPyBFGS().minimize(from: start) { objective.values($0) }
        guard result.value.isFinite else {
            throw .optimizationFailed(model: s.description, reason: "the likelihood is \(result.value) (status \(result.status))")
        }
        let optimised = coefficients(result.point, transformAR: true)
        let invertible = optimised.withInvertibleMA()
        let likelihood = ARMALikelihood(w: w, coefficients: invertible, period: period)
        let summary = ARIMAFitSummary(
            logLikelihood: -m * result.value - 0.5 * m * (1 + log(2 * Double.pi)), observations: w.count,
            parameterCount: parameterCount + 1, iterations: result.iterations, converged: result.status == 0,
            note: nil, modelsTried: nil)
        return ARIMAEstimator.Estimate(coefficients: invertible, sigma2: likelihood.sigma2, summary: summary, optimised: optimised)
    }

    /// statsforecast's `partrans`: r_j = tanh(x_j), then Durbin–Levinson to φ.
    static func partrans(_ raw: [Double]) -> [Double] {
        var phi = raw.map { tanh($0) }
        var work = phi
        for j in phi.indices.dropFirst() {
            let a = phi[j]
            for k in 0..<j { work[k] -= a * phi[j - k - 1] }
            for k in 0..<j { phi[k] = work[k] }
        }
        return phi
    }

    /// R's `invpartrans` (statsforecast 2.1.1's inverts `partrans` exactly as well): the
    /// recursion backwards, then atanh (NaN or ±∞ outside the stationary region).
    static func inversePartrans(_ phi: [Double]) -> [Double] {
        var current = phi
        var work = phi
        for j in stride(from: phi.count - 1, to: 0, by: -1) {
            let a = current[j]
            for k in 0..<j { work[k] = (current[k] + a * current[j - k - 1]) / (1 - a * a) }
            for k in 0..<j { current[k] = work[k] }
        }
        return current.map { atanh($0) }
    }
}
