import Foundation
import Kernels

/// CSS start values, then exact maximum likelihood, for one specification.
struct ARIMAEstimator {
    var specification: ARIMASpecification
    var optimizer: LBFGS
    /// Also start from θ₁ = −0.95, where the likelihood of series that look over-differenced
    /// has its highest mode (off for AutoARIMA, which rejects MA roots inside 1.01 anyway).
    var tryNearUnitMA = true
    /// `.conditionalSumOfSquares` stops after step 1 (R's `method = "CSS"`, what
    /// auto.arima searches with when n > 150); `.exact` goes on to exact ML.
    var method: Method = .exact
    /// Also run ML from all-zero coefficients and keep the better optimum.
    var tryZeroStart = true
    /// Forward instead of central differences for the ML gradient (half the likelihood
    /// evaluations; used for AutoARIMA's candidate refits).
    var forwardDifferences = false
    /// An exogenous column z (same length as y): y_t = β z_t + η_t with η the ARIMA; β is
    /// profiled out like the constant (which must then be off) and returned in `regression`.
    var regressor: [Double]? = nil
    /// Ends an exact-ML run once its iterates have had an AR or MA root inside |z| = 1.01
    /// for this many accepted steps in a row (nil = never). AutoARIMA rejects such fits
    /// (forecast::auto.arima's `minroot < 1.01`); a run that keeps sitting there is
    /// heading for the boundary and is stopped where it stands, still unusable.
    var abandonAfterStepsNearUnitRoot: Int? = nil
    /// The CSS estimate of this specification when the caller already has it (from a
    /// `.conditionalSumOfSquares` run of the same estimator): exact ML starts there
    /// instead of repeating step 1.
    var cssStart: ARIMACoefficients? = nil

    enum Method { case exact, conditionalSumOfSquares }

    struct Estimate {
        var coefficients: ARIMACoefficients
        var sigma2: Double
        var summary: ARIMAFitSummary
        /// β of `regressor` (0 without one).
        var regression = 0.0
        /// The coefficients where the optimiser ended when `coefficients` had their MA parts
        /// made invertible afterwards (`StatsforecastFit`); nil when they are `coefficients`.
        var optimised: ARIMACoefficients? = nil
    }

    func estimate(_ y: [Double]) throws(ARIMAError) -> Estimate {
        let spec = specification
        try spec.validate()
        if let bad = y.firstIndex(where: { !$0.isFinite }) { throw .nonFiniteValue(index: bad, value: y[bad]) }
        let delta = ARIMAPolynomials.differencing(d: spec.order.d, seasonalD: spec.seasonal.d, period: spec.seasonal.period)
        let w = ARIMAPolynomials.difference(y, delta: delta)
        let k = spec.coefficientCount + 1 + (regressor == nil ? 0 : 1)
        let needed = max(k + 2, spec.expandedARDegree + 2)
        guard w.count >= needed else {
            throw .tooShort(count: y.count, needed: needed + delta.count, model: spec.description)
        }
        let period = spec.seasonal.period
        let mean = w.reduce(0, +) / Double(w.count)

        // Flat w: no interior likelihood maximum. Documented fallback.
        let centre = spec.includeConstant ? mean : 0
        if w.allSatisfy({ abs($0 - centre) <= 1e-12 * max(1, abs(centre)) }) {
            let zero = ARIMACoefficients(
                ar: .init(repeating: 0, count: spec.order.p), ma: .init(repeating: 0, count: spec.order.q),
                seasonalAR: .init(repeating: 0, count: spec.seasonal.p), seasonalMA: .init(repeating: 0, count: spec.seasonal.q),
                constant: centre)
            let summary = ARIMAFitSummary(
                logLikelihood: .infinity, observations: w.count, parameterCount: k, iterations: 0, converged: false,
                note: "differenced series is constant; ARMA coefficients set to 0 and σ² to 0", modelsTried: nil)
            return Estimate(coefficients: zero, sigma2: 0, summary: summary)
        }

        let n = Double(w.count)
        // The optimiser sees the ARMA parameters only; μ is profiled out (GLS in the
        // exact likelihood, least squares in CSS), which also keeps the problem well scaled.
        var arma = spec
        arma.includeConstant = false
        let estimateMean = spec.includeConstant || regressor != nil
        let z = regressor.map { ARIMAPolynomials.difference($0, delta: delta) }
        let zeroStart = [Double](repeating: 0, count: arma.coefficientCount)

        // 1. Conditional sum of squares: minimise log(S/m), analytic gradient.
        func cssObjective(_ x: [Double], _ g: inout [Double]) -> Double {
            let c = ARIMACoefficients(unconstrained: x, spec: arma)
            let css = ConditionalSumOfSquares(
                w: w, ar: c.expandedAR(period: period), ma: c.expandedMA(period: period),
                mean: 0, estimateMean: estimateMean, withGradient: true, regressor: z)
            guard css.sumSquares > 0, css.sumSquares.isFinite else { return .infinity }
            let jacobian = expansionJacobian(at: x, spec: arma)
            for b in x.indices {
                var acc = 0.0
                for a in css.gradient.indices { acc += css.gradient[a] * jacobian[a][b] }
                g[b] = acc / css.sumSquares
            }
            return log(css.sumSquares / Double(css.count))
        }
        var start = zeroStart
        var cssPoint = zeroStart
        if let known = cssStart, method == .exact {
            // Step 1 was done by the caller (AutoARIMA's CSS search): the same start.
            start = known.unconstrained(spec: arma)
        } else if arma.coefficientCount > 0 {
            do {
                let css = try LBFGS(maxIterations: 100, gradientTolerance: 1e-5, relativeFunctionTolerance: 1e-9)
                    .minimize(from: zeroStart, cssObjective)
                cssPoint = css.point
                // Re-map through the constrained coefficients so partials are clamped to ±0.99.
                start = ARIMACoefficients(unconstrained: css.point, spec: arma).unconstrained(spec: arma)
            } catch {
                // CSS undefined at the zero start (too few points past p*): ML starts from zero.
                if method == .conditionalSumOfSquares {
                    throw .optimizationFailed(model: spec.description, reason: "the conditional sum of squares is not finite at zero")
                }
                start = zeroStart
            }
        }
        if method == .conditionalSumOfSquares {
            // ℓ_CSS = −½ n (log 2πσ̂² + 1), σ̂² = S/m: ranks models like R's CSS AIC.
            var coefficients = ARIMACoefficients(unconstrained: cssPoint, spec: arma)
            let css = ConditionalSumOfSquares(
                w: w, ar: coefficients.expandedAR(period: period), ma: coefficients.expandedMA(period: period),
                mean: 0, estimateMean: estimateMean, withGradient: false, regressor: z)
            let sigma2 = css.sumSquares / Double(css.count)
            guard sigma2 > 0, sigma2.isFinite else {
                throw .optimizationFailed(model: spec.description, reason: "the conditional sum of squares is \(sigma2)")
            }
            coefficients.constant = spec.includeConstant ? css.mean : 0
            let summary = ARIMAFitSummary(
                logLikelihood: -0.5 * n * (log(2 * Double.pi * sigma2) + 1), observations: w.count, parameterCount: k,
                iterations: 0, converged: true, note: "conditional sum of squares", modelsTried: nil)
            return Estimate(coefficients: coefficients, sigma2: sigma2, summary: summary, regression: z == nil ? 0 : css.mean)
        }

        // 2. Exact ML: minimise −ℓ_c / n, evaluated at all the probe points of a
        // finite-difference gradient at once (their Kalman filters run together).
        func mlObjectives(_ points: [[Double]]) -> [Double] {
            let cs = points.map { ARIMACoefficients(unconstrained: $0, spec: arma) }
            return ARMALikelihood.batch(w: w, coefficients: cs, period: period, estimateMean: estimateMean, regressor: z).map {
                let value = -$0.concentratedLogLikelihood / n
                return value.isFinite ? value : .infinity
            }
        }
        // From the CSS start and from zero, keeping the higher likelihood: the ARIMA
        // likelihood is often multimodal (an AR root cancelling an MA root), and CSS can
        // point at the wrong mode.
        var best: OptimizationResult? = nil
        var failure: OptimizationError? = nil
        var candidates = [start]
        if tryZeroStart && zeroStart != start { candidates.append(zeroStart) }
        if tryNearUnitMA && spec.order.q > 0 {
            // The mode with θ₁ near −1 (over-differenced-looking series) is far from both.
            var nearUnitMA = start
            nearUnitMA[spec.order.p] = 0.95 / (1 - 0.95 * 0.95).squareRoot()
            candidates.append(nearUnitMA)
        }
        for candidate in candidates {
            do {
                var stepsNearUnitRoot = 0
                let stop = abandonAfterStepsNearUnitRoot.map { patience in
                    { (_: Int, x: [Double], _: Double) -> Bool in
                        let c = ARIMACoefficients(unconstrained: x, spec: arma)
                        let near = !ARIMAPolynomials.rootsOutsideAsStatsforecast(c.expandedAR(period: period), radius: 1.01)
                            || !ARIMAPolynomials.rootsOutsideAsStatsforecast(c.expandedMA(period: period).map { -$0 }, radius: 1.01)
                        stepsNearUnitRoot = near ? stepsNearUnitRoot + 1 : 0
                        return stepsNearUnitRoot >= patience
                    }
                }
                let result = try optimizer.minimize(from: candidate, stop: stop) { x, g in
                    forwardDifferences ? forwardDifferenceGradient(at: x, into: &g, batch: mlObjectives)
                        : centralDifferenceGradient(at: x, into: &g, batch: mlObjectives)
                }
                if result.value < best?.value ?? .infinity { best = result }
            } catch {
                failure = error
            }
        }
        guard let result = best else {
            throw .optimizationFailed(model: spec.description, reason: failure.map { "\($0)" } ?? "no start value gave a finite likelihood")
        }
        var coefficients = ARIMACoefficients(unconstrained: result.point, spec: arma)
        let likelihood = ARMALikelihood(w: w, coefficients: coefficients, period: period, estimateMean: estimateMean, regressor: z)
        coefficients.constant = spec.includeConstant ? likelihood.mean : 0
        let summary = ARIMAFitSummary(
            logLikelihood: likelihood.concentratedLogLikelihood, observations: w.count, parameterCount: k,
            iterations: result.iterations, converged: result.status.converged, note: nil, modelsTried: nil)
        return Estimate(coefficients: coefficients, sigma2: likelihood.sigma2, summary: summary, regression: z == nil ? 0 : likelihood.mean)
    }
}

/// J[a][b] = ∂c_a/∂x_b for c = (φ*, θ*) the expanded polynomials as functions of the
/// unconstrained parameters x (central differences; no data involved, so cheap).
/// x = (x_φ, x_θ, x_Φ, x_Θ[, μ]): the AR side moves only φ* and the MA side only θ*, so
/// each probe expands only its own side; the other rows are 0 (as the differences give).
func expansionJacobian(at x: [Double], spec: ARIMASpecification) -> [[Double]] {
    let period = spec.seasonal.period
    let p = spec.order.p, q = spec.order.q, sp = spec.seasonal.p, sq = spec.seasonal.q
    let arSize = spec.expandedARDegree
    let size = arSize + spec.expandedMADegree
    var jacobian = [[Double]](repeating: [Double](repeating: 0, count: x.count), count: size)
    var probe = x
    // Without seasonal factors φ* = φ(x_φ) and θ* = −φ(x_θ): only the probed block moves.
    let plain = sp == 0 && sq == 0
    for b in x.indices where b < p + q + sp + sq {
        let onAR = b < p || (b >= p + q && b < p + q + sp)
        func expanded(_ x: [Double]) -> [Double] {
            if plain {
                return onAR ? StationarityTransform.constrain(Array(x[0..<p]))
                    : StationarityTransform.constrain(Array(x[p..<(p + q)])).map { -$0 }
            }
            let c = ARIMACoefficients(unconstrained: x, spec: spec)
            return onAR ? c.expandedAR(period: period) : c.expandedMA(period: period)
        }
        let h = 6.055454452393343e-06 * max(abs(x[b]), 1)
        probe[b] = x[b] + h
        let up = expanded(probe)
        probe[b] = x[b] - h
        let down = expanded(probe)
        probe[b] = x[b]
        let offset = onAR ? 0 : arSize
        for a in up.indices { jacobian[offset + a][b] = (up[a] - down[a]) / (2 * h) }
    }
    return jacobian
}
