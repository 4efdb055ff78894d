import Foundation

/// `scipy.optimize.minimize(f, x0, method = "BFGS", tol = gtol, options = {"maxiter": …})`
/// with no gradient given (SciPy 1.17 `_minimize_bfgs`), the optimiser statsforecast's
/// `arima` runs for its CSS and ML fits. Transcribed so that an AutoARIMA candidate stops
/// where statsforecast's stops — which decides the search when an optimum lies on the
/// boundary of the usable region (an MA root running to |z| = 1 stops at 1.012 or at 1.002).
///
/// Shapes: x ∈ ℝⁿ; H (n × n) the inverse-Hessian approximation, H₀ = I.
/// - gradient: forward differences with the absolute step h = √ε = 1.49e-8 on every
///   coordinate, divided by the representable step (x_i + h) − x_i;
/// - direction p = −H g; step α from `MinpackLineSearch` (c₁ = 1e-4, c₂ = 0.9,
///   α ∈ [1e-100, 1e100]), first trial min(1, 2.02 (f_k − f_{k−1}) / gᵀp), f₋₁ = f₀ + ‖g₀‖₂/2;
/// - s = αp, y = g_{k+1} − g_k, ρ = 1/(yᵀs) (1000 when yᵀs = 0),
///   H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ;
/// - when that line search fails, `WolfeZoomLineSearch` (SciPy's `line_search_wolfe2`);
/// - stops when ‖g‖∞ ≤ gtol (status 0), after `maxIterations` (1), when both line searches
///   fail or f is not finite (2, "precision loss"), or on NaN (3).
struct SciPyBFGS {
    var gtol = 1e-8
    var maxIterations = 100

    struct Result {
        var point: [Double]
        var value: Double
        /// SciPy's `status`: 0 converged, 1 iteration limit, 2 precision loss, 3 NaN.
        var status: Int
        var iterations: Int
    }

    /// `values` evaluates f at several points at once (x, then x + h e_i for the gradient).
    func minimize(from start: [Double], values: ([[Double]]) -> [Double]) -> Result {
        let n = start.count
        let h = 1.4901161193847656e-08
        func valueAndGradient(_ x: [Double]) -> (Double, [Double]) {
            var points = [x]
            for i in 0..<n { var probe = x; probe[i] = x[i] + h; points.append(probe) }
            let f = values(points)
            return (f[0], (0..<n).map { i in (f[i + 1] - f[0]) / ((x[i] + h) - x[i]) })
        }
        var x = start
        var (f, g) = valueAndGradient(x)
        guard n > 0 else { return Result(point: x, value: f, status: 0, iterations: 0) }
        var hessian = (0..<n).map { i in (0..<n).map { j in i == j ? 1.0 : 0.0 } }
        var previous = f + norm2(g) / 2
        var k = 0
        var status = 0
        var gnorm = g.map(abs).reduce(0) { $1 > $0 || $1.isNaN ? $1 : $0 }
        while gnorm > gtol && k < maxIterations {
            let p = (0..<n).map { i in -dot(hessian[i], g) }
            let derphi0 = dot(g, p)
            var alpha1 = 1.0
            if derphi0 != 0 {
                alpha1 = min(1.0, 1.01 * 2 * (f - previous) / derphi0)
                if alpha1 < 0 { alpha1 = 1.0 }
            }
            var gradientAtStep = g
            func along(_ step: Double) -> [Double] { (0..<n).map { x[$0] + step * p[$0] } }
            var search = MinpackLineSearch(ftol: 1e-4, gtol: 0.9, xtol: 1e-14, stpmin: 1e-100, stpmax: 1e100)
            var step: Double, value: Double
            if let accepted = search.search(alpha1: alpha1, phi0: f, derphi0: derphi0, evaluate: { step in
                let (value, gradient) = valueAndGradient(along(step))
                gradientAtStep = gradient
                return (value, dot(gradient, p))
            }) {
                (step, value) = (accepted.step, accepted.phi)
            } else if let accepted = WolfeZoomLineSearch.search(
                phi0: f, previousPhi0: previous, derphi0: derphi0,
                phi: { values([along($0)])[0] },
                derphi: { step in
                    gradientAtStep = valueAndGradient(along(step)).1
                    return dot(gradientAtStep, p)
                }) {
                (step, value) = (accepted.alpha, accepted.phi)
                if !accepted.gradientKnown { gradientAtStep = valueAndGradient(along(step)).1 }
            } else {
                status = 2
                break
            }
            let s = p.map { step * $0 }
            x = (0..<n).map { x[$0] + s[$0] }
            previous = f
            f = value
            let y = (0..<n).map { gradientAtStep[$0] - g[$0] }
            g = gradientAtStep
            k += 1
            gnorm = g.map(abs).reduce(0) { $1 > $0 || $1.isNaN ? $1 : $0 }
            if gnorm <= gtol { break }
            if step * norm2(p) <= 0 { break }  // SciPy's xrtol = 0 test
            guard f.isFinite else { status = 2; break }
            let ys = dot(y, s)
            let rho = ys == 0 ? 1000.0 : 1 / ys
            // H ← A₁ H A₂ + ρ s sᵀ with A₁ = I − ρ s yᵀ, A₂ = I − ρ y sᵀ = A₁ᵀ.
            let a1 = (0..<n).map { i in (0..<n).map { j in (i == j ? 1.0 : 0.0) - s[i] * y[j] * rho } }
            let a2 = (0..<n).map { i in (0..<n).map { j in (i == j ? 1.0 : 0.0) - y[i] * s[j] * rho } }
            let ha2 = (0..<n).map { i in (0..<n).map { j in (0..<n).reduce(0.0) { $0 + hessian[i][$1] * a2[$1][j] } } }
            hessian = (0..<n).map { i in (0..<n).map { j in
                (0..<n).reduce(0.0) { $0 + a1[i][$1] * ha2[$1][j] } + rho * s[i] * s[j]
            } }
        }
        if status == 0 {
            if k >= maxIterations { status = 1 } else if gnorm.isNaN || f.isNaN || x.contains(where: \.isNaN) { status = 3 }
        }
        return Result(point: x, value: f, status: status, iterations: k)
    }
}

private func dot(_ a: [Double], _ b: [Double]) -> Double {
    var s = 0.0
    for i in a.indices { s += a[i] * b[i] }
    return s
}

private func norm2(_ a: [Double]) -> Double { dot(a, a).squareRoot() }
