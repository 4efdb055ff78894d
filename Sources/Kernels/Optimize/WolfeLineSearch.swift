/// Strong-Wolfe line search along a descent direction d from x (Nocedal & Wright 2006,
/// Algorithms 3.5 "bracket" and 3.6 "zoom", cubic interpolation inside the bracket).
///
/// φ(α) = f(x + α d); accept α when
///   φ(α) ≤ φ(0) + c₁ α φ′(0)        (sufficient decrease)
///   |φ′(α)| ≤ c₂ |φ′(0)|             (curvature)
/// with c₁ = 1e-4, c₂ = 0.9. A non-finite φ(α) counts as "too far".
struct WolfeLineSearch {
    var c1 = 1e-4
    var c2 = 0.9
    var maxEvaluations: Int
    var maxStep = 1e10

    struct Point { var alpha: Double; var x: [Double]; var f: Double; var g: [Double]; var slope: Double }
    struct Outcome { var accepted: Point?; var evaluations: Int }

    func run(
        x: [Double], f: Double, g: [Double], direction d: [Double], slope: Double,
        _ objective: (_ x: [Double], _ gradient: inout [Double]) -> Double
    ) -> Outcome {
        var evaluations = 0
        let n = x.count
        func evaluate(_ alpha: Double) -> Point {
            var trial = x
            for j in 0..<n { trial[j] += alpha * d[j] }
            var grad = [Double](repeating: 0, count: n)
            let value = objective(trial, &grad)
            let finite = value.isFinite && grad.allSatisfy { $0.isFinite }
            return Point(alpha: alpha, x: trial, f: finite ? value : .infinity, g: grad, slope: finite ? dot(grad, d) : .nan)
        }
        let origin = Point(alpha: 0, x: x, f: f, g: g, slope: slope)
        var best: Point? = nil
        func remember(_ p: Point) {
            if p.f < f + c1 * p.alpha * slope, p.f < (best?.f ?? .infinity) { best = p }
        }

        var previous = origin
        var alpha = 1.0
        while evaluations < maxEvaluations {
            let current = evaluate(alpha)
            evaluations += 1
            remember(current)
            if !current.f.isFinite {
                // Overshot into an invalid region: shrink and retry.
                alpha = previous.alpha + 0.1 * (alpha - previous.alpha)
                if alpha - previous.alpha < 1e-20 { break }
                continue
            }
            if current.f > f + c1 * alpha * slope || (previous.alpha > 0 && current.f >= previous.f) {
                return zoom(low: previous, high: current, f0: f, slope0: slope, evaluate: evaluate, used: evaluations, best: best, total: &evaluations)
            }
            if abs(current.slope) <= -c2 * slope { return Outcome(accepted: current, evaluations: evaluations) }
            if current.slope >= 0 {
                return zoom(low: current, high: previous, f0: f, slope0: slope, evaluate: evaluate, used: evaluations, best: best, total: &evaluations)
            }
            previous = current
            alpha = min(alpha * 2, maxStep)
        }
        return Outcome(accepted: best, evaluations: evaluations)
    }

    private func zoom(
        low lowStart: Point, high highStart: Point, f0: Double, slope0: Double,
        evaluate: (Double) -> Point, used: Int, best bestStart: Point?, total: inout Int
    ) -> Outcome {
        var low = lowStart, high = highStart, best = bestStart
        var evaluations = used
        defer { total = evaluations }
        while evaluations < maxEvaluations {
            evaluations += 1
            let alpha = interpolate(low, high)
            let p = evaluate(alpha)
            if p.f.isFinite, p.f <= f0 + c1 * p.alpha * slope0, p.f < (best?.f ?? .infinity) { best = p }
            if !p.f.isFinite || p.f > f0 + c1 * alpha * slope0 || p.f >= low.f {
                high = p
            } else {
                if abs(p.slope) <= -c2 * slope0 { return Outcome(accepted: p, evaluations: evaluations) }
                if p.slope * (high.alpha - low.alpha) >= 0 { high = low }
                low = p
            }
            if abs(high.alpha - low.alpha) <= 1e-14 * max(abs(low.alpha), 1e-10) { break }
        }
        // Budget spent: fall back to the best sufficient-decrease point seen, if any.
        if let b = best { return Outcome(accepted: b, evaluations: evaluations) }
        return Outcome(accepted: low.alpha > 0 && low.f < f0 ? low : nil, evaluations: evaluations)
    }

    /// Minimiser of the cubic through (a, φa, φ′a), (b, φb, φ′b), safeguarded to the
    /// middle 80 % of the interval; bisection when the cubic is unusable.
    private func interpolate(_ a: Point, _ b: Point) -> Double {
        let lo = min(a.alpha, b.alpha), hi = max(a.alpha, b.alpha)
        let width = hi - lo
        var candidate = (a.alpha + b.alpha) / 2
        if a.f.isFinite, b.f.isFinite, a.slope.isFinite, b.slope.isFinite {
            let d1 = a.slope + b.slope - 3 * (a.f - b.f) / (a.alpha - b.alpha)
            let disc = d1 * d1 - a.slope * b.slope
            if disc >= 0 {
                let d2 = (b.alpha > a.alpha ? 1.0 : -1.0) * disc.squareRoot()
                let c = b.alpha - (b.alpha - a.alpha) * (b.slope + d2 - d1) / (b.slope - a.slope + 2 * d2)
                if c.isFinite { candidate = c }
            }
        }
        return min(max(candidate, lo + 0.1 * width), hi - 0.1 * width)
    }
}
