import Foundation

/// The strong-Wolfe line search of Stan's optimiser (stan/optimization/bfgs_linesearch.hpp),
/// rewritten from its description so that `StanBFGS` takes the same steps as CmdStan.
///
/// Along a direction p from x₀ with φ(α) = f(x₀ + α p), φ′(α) = ∇f(x₀ + α p)·p:
///
/// Bracketing phase, from the caller's first trial α₁ = `initialStep` and α₀ = `minStep`:
/// evaluate α₁; if the evaluation fails (non-finite f or gradient) set α₁ ← (α₀ + α₁)/2 and
/// retry (at most `maxRestarts` times in a row). Otherwise, with φ_prev the last accepted
/// trial (φ(0) before the first):
///  - φ(α₁) > φ(0) + c₁ α_init φ′(0) (Stan tests sufficient decrease with the *first* trial
///    step α_init, not α₁) or, after the first trial, φ(α₁) ≥ φ_prev → zoom on [α₀, α₁];
///  - |φ′(α₁)| ≤ −c₂ φ′(0) → accept α₁;
///  - φ′(α₁) ≥ 0 → zoom on [α₁, α₀];
///  - else α₀ ← α₁, α₁ ← 10 α₁ (at most `maxIterations` trials).
///
/// Zoom on (α_lo, α_hi) (α_lo: the end with the lower φ that satisfies sufficient decrease):
/// fail when |α_lo − α_hi| < 1e-16 or no double lies strictly between them; every fifth
/// trial bisects, the others take the minimiser of the cubic through both ends' values and
/// slopes, replaced by the midpoint when it is not finite or falls within 1 % of the
/// interval's width of an end. A failed evaluation halves toward min(α_lo, α_hi). Then
///  - φ(α) > φ(0) + c₁ α φ′(0) or φ(α) ≥ φ(α_lo) → α_hi ← α;
///  - else accept if |φ′(α)| ≤ −c₂ φ′(0); otherwise α_hi ← α_lo when φ′(α)(α_hi − α_lo) ≥ 0,
///    and α_lo ← α.
struct StanLineSearch {
    var c1: Double
    var c2: Double
    var minStep: Double
    var maxIterations: Int
    var maxRestarts: Int

    /// A trial point: step, position, value, gradient.
    struct Trial {
        var alpha: Double
        var x: [Double]
        var f: Double
        var g: [Double]
    }

    /// Runs the search; nil when it fails. `evaluations` counts objective calls.
    func run(
        x0: [Double], f0: Double, g0: [Double], direction p: [Double], initialStep: Double,
        evaluations: inout Int,
        _ objective: (_ x: [Double], _ gradient: inout [Double]) -> Double
    ) -> Trial? {
        let n = x0.count
        let slope0 = dot(g0, p)
        let c1Slope = c1 * slope0, c2Slope = c2 * slope0

        func evaluate(_ alpha: Double) -> Trial? {
            var x = x0
            for j in 0..<n { x[j] += alpha * p[j] }
            var g = [Double](repeating: 0, count: n)
            let f = objective(x, &g)
            evaluations += 1
            guard f.isFinite, g.allSatisfy({ $0.isFinite }) else { return nil }
            return Trial(alpha: alpha, x: x, f: f, g: g)
        }

        /// Zoom between (lo, fLo, dLo) and (hi, fHi, dHi), slopes along p.
        func zoom(lo loStart: (Double, Double, Double), hi hiStart: (Double, Double, Double)) -> Trial? {
            var (lo, fLo, dLo) = loStart
            var (hi, fHi, dHi) = hiStart
            let minRange = 1e-16
            var iteration = 0
            while true {
                iteration += 1
                if abs(lo - hi) < minRange || (hi > lo ? lo.nextUp : lo.nextDown) == hi { return nil }
                var alpha: Double
                if iteration % 5 == 0 {
                    alpha = 0.5 * (lo + hi)
                } else {
                    let d1 = dLo + dHi - 3 * (fLo - fHi) / (lo - hi)
                    var d2 = (d1 * d1 - dLo * dHi).squareRoot()
                    if hi < lo { d2 = -d2 }
                    alpha = hi - (hi - lo) * (dHi + d2 - d1) / (dHi - dLo + 2 * d2)
                    let width = abs(lo - hi)
                    if !alpha.isFinite || alpha < min(lo, hi) + 0.01 * width || alpha > max(lo, hi) - 0.01 * width {
                        alpha = 0.5 * (lo + hi)
                    }
                }
                var trial = evaluate(alpha)
                while trial == nil {
                    let previous = alpha
                    alpha = 0.5 * (alpha + min(lo, hi))
                    if abs(min(lo, hi) - alpha) < minRange || alpha == previous { return nil }
                    trial = evaluate(alpha)
                }
                guard let point = trial else { return nil }
                let slope = dot(point.g, p)
                if point.f > f0 + alpha * c1Slope || point.f >= fLo {
                    (hi, fHi, dHi) = (alpha, point.f, slope)
                } else {
                    if abs(slope) <= -c2Slope { return point }
                    if slope * (hi - lo) >= 0 { (hi, fHi, dHi) = (lo, fLo, dLo) }
                    (lo, fLo, dLo) = (alpha, point.f, slope)
                }
            }
        }

        var alpha0 = minStep, alpha1 = initialStep
        var previousF = f0, previousSlope = slope0
        var iterations = 0, restarts = 0
        while true {
            if iterations >= maxIterations { return nil }
            guard let trial = evaluate(alpha1) else {
                if restarts >= maxRestarts { return nil }
                alpha1 = 0.5 * (alpha0 + alpha1)
                restarts += 1
                continue
            }
            restarts = 0
            let slope = dot(trial.g, p)
            if trial.f > f0 + initialStep * c1Slope || (trial.f >= previousF && iterations > 0) {
                return zoom(lo: (alpha0, previousF, previousSlope), hi: (alpha1, trial.f, slope))
            }
            if abs(slope) <= -c2Slope { return trial }
            if slope >= 0 {
                return zoom(lo: (alpha1, trial.f, slope), hi: (alpha0, previousF, previousSlope))
            }
            alpha0 = alpha1
            previousF = trial.f
            previousSlope = slope
            alpha1 *= 10
            iterations += 1
        }
    }

    /// The minimiser over [lo, hi] of the cubic c(a) with c(0) = 0, c′(0) = d0, c(a1) = f1,
    /// c′(a1) = d1, among the two ends and the cubic's stationary points inside (Stan's
    /// `CubicInterp`, used to guess the next first trial step).
    static func cubicMinimum(d0: Double, a1: Double, f1: Double, d1: Double, lo: Double, hi: Double) -> Double {
        let c3 = (-12 * f1 + 6 * a1 * (d0 + d1)) / (a1 * a1 * a1)
        let c2 = -(4 * d0 + 2 * d1) / a1 + 6 * f1 / (a1 * a1)
        let c1 = d0
        func cubic(_ a: Double) -> Double { a * (a * (a * c3 / 3 + c2) / 2 + c1) }
        let root = (c2 * c2 - 2 * c1 * c3).squareRoot()
        var best = lo, bestValue = cubic(lo)
        if cubic(hi) < bestValue { best = hi; bestValue = cubic(hi) }
        for s in [-(c2 + root) / c3, -(c2 - root) / c3] where lo < s && s < hi {
            if cubic(s) < bestValue { best = s; bestValue = cubic(s) }
        }
        return best
    }
}
