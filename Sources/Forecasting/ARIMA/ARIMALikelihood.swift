import Foundation

/// Constrained coefficients of one ARIMA specification.
public struct ARIMACoefficients: Sendable, Codable, Equatable {
    /// φ₁ … φ_p
    public var ar: [Double]
    /// θ₁ … θ_q
    public var ma: [Double]
    /// Φ₁ … Φ_P
    public var seasonalAR: [Double]
    /// Θ₁ … Θ_Q
    public var seasonalMA: [Double]
    /// μ, the mean of w_t = (1 − B)ᵈ(1 − Bˢ)ᴰ y_t (0 without a constant).
    public var constant: Double

    public init(ar: [Double] = [], ma: [Double] = [], seasonalAR: [Double] = [], seasonalMA: [Double] = [], constant: Double = 0) {
        self.ar = ar
        self.ma = ma
        self.seasonalAR = seasonalAR
        self.seasonalMA = seasonalMA
        self.constant = constant
    }

    /// Reads the unconstrained vector x = (x_ar, x_ma, x_sar, x_sma, μ) of `spec`.
    init(unconstrained x: [Double], spec: ARIMASpecification) {
        var i = 0
        func take(_ n: Int) -> [Double] { defer { i += n }; return Array(x[i..<(i + n)]) }
        ar = StationarityTransform.constrain(take(spec.order.p))
        ma = StationarityTransform.constrain(take(spec.order.q)).map { -$0 }
        seasonalAR = StationarityTransform.constrain(take(spec.seasonal.p))
        seasonalMA = StationarityTransform.constrain(take(spec.seasonal.q)).map { -$0 }
        constant = spec.includeConstant ? x[i] : 0
    }

    /// Inverse of `init(unconstrained:spec:)` (partial autocorrelations clamped to ±0.99).
    func unconstrained(spec: ARIMASpecification) -> [Double] {
        StationarityTransform.unconstrain(ar)
            + StationarityTransform.unconstrain(ma.map { -$0 })
            + StationarityTransform.unconstrain(seasonalAR)
            + StationarityTransform.unconstrain(seasonalMA.map { -$0 })
            + (spec.includeConstant ? [constant] : [])
    }

    func expandedAR(period: Int) -> [Double] { ARIMAPolynomials.expandedAR(ar, seasonal: seasonalAR, period: period) }
    func expandedMA(period: Int) -> [Double] { ARIMAPolynomials.expandedMA(ma, seasonal: seasonalMA, period: period) }
}

/// Gaussian likelihood of the differenced series w (length n) under ARMA coefficients.
///
/// With v_t, F_t the Kalman innovations of w_t − μ and their variances in units of σ²:
///   ℓ(σ²) = −½ Σ_t [log 2π + log(σ² F_t) + v_t² / (σ² F_t)],
/// maximised over σ² at σ̂² = (1/n) Σ v_t²/F_t, giving the concentrated
///   ℓ_c = −½ n (log 2π + log σ̂² + 1) − ½ Σ log F_t.
/// With `estimateMean`, μ is profiled out by GLS as well (see `ARMAKalmanFilter.Sums`);
/// otherwise `coefficients.constant` is used as given.
/// Exact (stationary initialisation); equals the diffuse likelihood of y that statsmodels
/// approximates with an initial variance of 10⁶ and a burn-in of d + sD observations.
struct ARMALikelihood {
    var sumSquares: Double
    var sumLogVariance: Double
    var count: Int
    /// μ used: the GLS estimate with `estimateMean`, else `coefficients.constant`.
    var mean: Double

    /// `regressor` (differenced like w) replaces the constant column when `estimateMean`.
    init(w: [Double], coefficients c: ARIMACoefficients, period: Int, estimateMean: Bool = false, regressor: [Double]? = nil) {
        var filter = ARMAKalmanFilter(ar: c.expandedAR(period: period), ma: c.expandedMA(period: period))
        let x = estimateMean || c.constant == 0 ? w : w.map { $0 - c.constant }
        let sums = filter.accumulate(x, withMean: estimateMean, regressor: regressor)
        self.init(sums: sums, count: w.count, estimateMean: estimateMean, constant: c.constant)
    }

    /// The likelihood of several coefficient vectors of one specification on the same w
    /// (the probes of a finite-difference gradient): their Kalman filters share the steady
    /// phase (`ARMAKalmanFilter.accumulate(batch:)`); each equals `init(w:coefficients:…)`.
    static func batch(w: [Double], coefficients: [ARIMACoefficients], period: Int, estimateMean: Bool = false,
                      regressor: [Double]? = nil) -> [ARMALikelihood] {
        let empty = ARMALikelihood(sums: .init(), count: w.count, estimateMean: estimateMean, constant: 0)
        var results = [ARMALikelihood](repeating: empty, count: coefficients.count)
        // Filters over the same x (w, or w − μ for one fixed μ) can run together.
        var groups: [Double: [Int]] = [:]
        for (k, c) in coefficients.enumerated() { groups[estimateMean ? 0 : c.constant, default: []].append(k) }
        for (constant, members) in groups {
            var filters = members.map { ARMAKalmanFilter(ar: coefficients[$0].expandedAR(period: period), ma: coefficients[$0].expandedMA(period: period)) }
            let x = estimateMean || constant == 0 ? w : w.map { $0 - constant }
            let sums = ARMAKalmanFilter.accumulate(batch: &filters, x, withMean: estimateMean, regressor: regressor)
            for (k, s) in zip(members, sums) {
                results[k] = ARMALikelihood(sums: s, count: w.count, estimateMean: estimateMean, constant: coefficients[k].constant)
            }
        }
        return results
    }

    private init(sums: ARMAKalmanFilter.Sums, count: Int, estimateMean: Bool, constant: Double) {
        if estimateMean && sums.uu > 0 {
            mean = sums.vu / sums.uu
            sumSquares = max(sums.vv - sums.vu * sums.vu / sums.uu, 0)
        } else {
            mean = estimateMean ? 0 : constant
            sumSquares = sums.vv
        }
        sumLogVariance = sums.logF
        self.count = count
    }

    var sigma2: Double { sumSquares / Double(count) }

    var concentratedLogLikelihood: Double {
        let n = Double(count)
        return -0.5 * n * (log(2 * Double.pi) + log(sigma2) + 1) - 0.5 * sumLogVariance
    }

    func logLikelihood(sigma2 s2: Double) -> Double {
        let n = Double(count)
        return -0.5 * (n * log(2 * Double.pi) + n * log(s2) + sumLogVariance + sumSquares / s2)
    }
}

extension ARIMA {
    /// Exact Gaussian log-likelihood of `y` under fixed coefficients and σ² — the number
    /// statsmodels' `ARIMA(...).loglike(params)` reports (its approximate-diffuse burn-in of
    /// d + sD observations is our differencing).
    public static func logLikelihood(
        of y: [Double], specification: ARIMASpecification, coefficients: ARIMACoefficients, sigma2: Double
    ) throws(ARIMAError) -> Double {
        try specification.validate()
        if let bad = y.firstIndex(where: { !$0.isFinite }) { throw .nonFiniteValue(index: bad, value: y[bad]) }
        let delta = ARIMAPolynomials.differencing(d: specification.order.d, seasonalD: specification.seasonal.d, period: specification.seasonal.period)
        let w = ARIMAPolynomials.difference(y, delta: delta)
        guard !w.isEmpty else { throw .tooShort(count: y.count, needed: delta.count + 1, model: specification.description) }
        return ARMALikelihood(w: w, coefficients: coefficients, period: specification.seasonal.period).logLikelihood(sigma2: sigma2)
    }
}
