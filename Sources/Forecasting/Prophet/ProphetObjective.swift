import Foundation
import Kernels

/// Negative log posterior of prophet's Stan model (linear growth, additive seasonality),
/// up to constants, as Stan's `optimizing` sees it (no Jacobian term):
///
///   −log p = ‖y − Xθ‖² / (2σ²) + N log σ + k²/(2·5²) + m²/(2·5²)
///            + Σ_j |δ_j| / τ + σ² / (2·0.5²) + Σ_l β_l² / (2 s_l²)
///
/// over z = (θ, log σ) (Stan's unconstrained σ). For the `.exactMAP` fit |δ| is smoothed to √(δ² + ε²) − ε with
/// ε = `l1Smoothing` so that L-BFGS sees a differentiable function. ε = 1e-4 (units of
/// y/max|y| per history span) moves the objective by at most S·ε/τ = 0.05 nats for 25
/// changepoints and cuts L-BFGS iterations 3–10× against ε = 1e-6 (the kink's curvature
/// is 1/(ετ)); forecasts move by < 1 % of their error on the dev series. The
/// `.prophetCompatible` fit sets ε = 0: Stan's exact |δ| with derivative sign(δ)/τ.
struct ProphetObjective {
    let equations: NormalEquations
    let rows: Int
    let design: ProphetDesign
    let changepointPriorScale: Double
    /// Prior standard deviations of β, one per Fourier column.
    let betaScales: [Double]
    var l1Smoothing = 1e-4

    init(design: ProphetDesign, x: [Double], y: [Double], changepointPriorScale: Double) {
        self.design = design
        rows = y.count
        equations = NormalEquations(design: x, rows: y.count, columns: design.columnCount, response: y)
        self.changepointPriorScale = changepointPriorScale
        betaScales = design.seasonalities.flatMap { [Double](repeating: $0.priorScale, count: 2 * $0.order) }
    }

    /// Value and gradient at z = (θ, log σ).
    func evaluate(_ z: [Double], gradient g: inout [Double]) -> Double {
        let p = design.columnCount
        let theta = Array(z[0..<p])
        let logSigma = z[p]
        let sigma2 = exp(2 * logSigma)
        var rssGradient = [Double](repeating: 0, count: p)
        let rss = equations.residualSumOfSquares(theta, gradient: &rssGradient)
        var value = rss / (2 * sigma2) + Double(rows) * logSigma + sigma2 / (2 * 0.25)
        for i in 0..<p { g[i] = rssGradient[i] / (2 * sigma2) }
        // ∂/∂logσ: −rss/σ² + N + σ²/0.25
        g[p] = -rss / sigma2 + Double(rows) + sigma2 / 0.25
        // k, m ~ N(0, 5²)
        for i in 0..<2 {
            value += theta[i] * theta[i] / 50
            g[i] += theta[i] / 25
        }
        // δ ~ Laplace(0, τ)
        let tau = changepointPriorScale, eps = l1Smoothing
        for i in design.deltaRange {
            let (term, slope) = Self.laplaceTerm(theta[i], scale: tau, smoothing: eps)
            value += term
            g[i] += slope
        }
        // β ~ N(0, s²)
        for (offset, i) in design.betaRange.enumerated() {
            let s2 = betaScales[offset] * betaScales[offset]
            value += theta[i] * theta[i] / (2 * s2)
            g[i] += theta[i] / s2
        }
        return value
    }

    /// |δ| / τ and its derivative; with `smoothing` ε > 0 the smoothed (√(δ² + ε²) − ε) / τ,
    /// with ε = 0 the exact term and Stan's derivative sign(δ) / τ (0 at δ = 0).
    static func laplaceTerm(_ delta: Double, scale tau: Double, smoothing eps: Double) -> (value: Double, derivative: Double) {
        guard eps > 0 else {
            let sign: Double = delta > 0 ? 1 : (delta < 0 ? -1 : 0)
            return (abs(delta) / tau, sign / tau)
        }
        let root = (delta * delta + eps * eps).squareRoot()
        return ((root - eps) / tau, delta / root / tau)
    }

    /// (θ, log σ) of the ridge problem min ‖y − Xθ‖²/(2σ²) + ½ θᵀΛθ, Λ = diag(1/25, 1/25,
    /// 1/(2τ²) …, 1/s_l² …), with σ² = RSS/N refined twice; nil if a solve fails.
    func gaussianWarmStart() -> [Double]? {
        let p = design.columnCount
        var precision = [Double](repeating: 0, count: p)
        precision[0] = 1.0 / 25; precision[1] = 1.0 / 25
        for i in design.deltaRange { precision[i] = 1 / (2 * changepointPriorScale * changepointPriorScale) }
        for (offset, i) in design.betaRange.enumerated() { precision[i] = 1 / (betaScales[offset] * betaScales[offset]) }
        var sigma2 = 0.01
        var theta: [Double] = []
        var scratch = [Double](repeating: 0, count: p)
        for _ in 0..<3 {
            var a = equations.gram
            for i in 0..<p { a[i * p + i] += sigma2 * precision[i] }
            guard let solution = solveSymmetricPositiveDefinite(a, equations.crossProduct) else { return nil }
            theta = solution
            let rss = equations.residualSumOfSquares(theta, gradient: &scratch)
            sigma2 = max(rss / Double(rows), 1e-12)
        }
        return theta + [0.5 * log(sigma2)]
    }
}
