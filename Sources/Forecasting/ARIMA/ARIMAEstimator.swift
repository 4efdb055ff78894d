import Foundation
import Kernels

/// CSS start values, then exact maximum likelihood, for one specification.
struct ARIMAEstimator {
    var specification: ARIMASpecification
    var optimizer: LBFGS

    struct Estimate {
        var coefficients: ARIMACoefficients
        var sigma2: Double
        var summary: ARIMAFitSummary
    }

    func estimate(_ y: [Double]) throws(ARIMAError) -> Estimate {
        let spec = specification
        try spec.validate()
        if let bad = y.firstIndex(where: { !$0.isFinite }) { throw .nonFiniteValue(index: bad, value: y[bad]) }
        let delta = ARIMAPolynomials.differencing(d: spec.order.d, seasonalD: spec.seasonal.d, period: spec.seasonal.period)
        let w = ARIMAPolynomials.difference(y, delta: delta)
        let k = spec.coefficientCount + 1
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
                note: "differenced series is constant; ARMA coefficients set to 0 and σ² to 0")
            return Estimate(coefficients: zero, sigma2: 0, summary: summary)
        }

        let n = Double(w.count)
        let zeroStart = ARIMACoefficients(
            ar: .init(repeating: 0, count: spec.order.p), ma: .init(repeating: 0, count: spec.order.q),
            seasonalAR: .init(repeating: 0, count: spec.seasonal.p), seasonalMA: .init(repeating: 0, count: spec.seasonal.q),
            constant: spec.includeConstant ? mean : 0
        ).unconstrained(spec: spec)

        // 1. Conditional sum of squares: minimise log(Σe²/m).
        func cssObjective(_ x: [Double]) -> Double {
            let c = ARIMACoefficients(unconstrained: x, spec: spec)
            let css = conditionalSumOfSquares(w: w, coefficients: c, period: period).meanSquare
            return css > 0 ? log(css) : .infinity
        }
        var start = zeroStart
        if spec.coefficientCount > 0 {
            do {
                let css = try LBFGS(maxIterations: 100, gradientTolerance: 1e-6).minimize(from: zeroStart) { x, g in
                    centralDifferenceGradient(at: x, into: &g, cssObjective)
                }
                // Re-map through the constrained coefficients so partials are clamped to ±0.99.
                start = ARIMACoefficients(unconstrained: css.point, spec: spec).unconstrained(spec: spec)
            } catch {
                // CSS undefined at the zero start (too few points past p*): ML starts from zero.
                start = zeroStart
            }
        }

        // 2. Exact ML: minimise −ℓ_c / n.
        func mlObjective(_ x: [Double]) -> Double {
            let c = ARIMACoefficients(unconstrained: x, spec: spec)
            let l = ARMALikelihood(w: w, coefficients: c, period: period)
            let value = -l.concentratedLogLikelihood / n
            return value.isFinite ? value : .infinity
        }
        // From the CSS start and from zero, keeping the higher likelihood: the ARIMA
        // likelihood is often multimodal (an AR root cancelling an MA root), and CSS can
        // point at the wrong mode.
        var best: OptimizationResult? = nil
        var failure: OptimizationError? = nil
        var candidates = [start]
        if zeroStart != start { candidates.append(zeroStart) }
        if spec.order.q > 0 {
            // The mode with θ₁ near −1 (over-differenced-looking series) is far from both.
            var nearUnitMA = start
            nearUnitMA[spec.order.p] = 0.95 / (1 - 0.95 * 0.95).squareRoot()
            candidates.append(nearUnitMA)
        }
        for candidate in candidates {
            do {
                let result = try optimizer.minimize(from: candidate) { x, g in
                    centralDifferenceGradient(at: x, into: &g, mlObjective)
                }
                if result.value < best?.value ?? .infinity { best = result }
            } catch {
                failure = error
            }
        }
        guard let result = best else {
            throw .optimizationFailed(model: spec.description, reason: failure.map { "\($0)" } ?? "no start value gave a finite likelihood")
        }
        let coefficients = ARIMACoefficients(unconstrained: result.point, spec: spec)
        let likelihood = ARMALikelihood(w: w, coefficients: coefficients, period: period)
        let summary = ARIMAFitSummary(
            logLikelihood: likelihood.concentratedLogLikelihood, observations: w.count, parameterCount: k,
            iterations: result.iterations, converged: result.status.converged, note: nil)
        return Estimate(coefficients: coefficients, sigma2: likelihood.sigma2, summary: summary)
    }
}
