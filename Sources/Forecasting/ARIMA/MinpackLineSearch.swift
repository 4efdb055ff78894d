import Foundation

/// MINPACK-2's DCSRCH line search (Moré & Thuente 1994) as SciPy 1.17 runs it
/// (`scipy/optimize/_dcsrch.py`, called by `line_search_wolfe1`), transcribed step by step
/// so that `SciPyBFGS` takes the steps statsforecast's `scipy.optimize.minimize(method =
/// "BFGS")` takes. Finds α > 0 with φ(α) ≤ φ(0) + c₁αφ′(0) and |φ′(α)| ≤ c₂|φ′(0)|.
///
/// φ and φ′ are evaluated by the caller between calls of `iterate` (the routine's reverse
/// communication): `iterate` returns the next trial step and whether it wants it evaluated.
struct MinpackLineSearch {
    let ftol: Double, gtol: Double, xtol: Double, stpmin: Double, stpmax: Double

    enum Task: Equatable { case start, evaluate, converged, warning, error }

    private var brackt = false, stage = 1
    private var ginit = 0.0, gtest = 0.0, finit = 0.0
    private var stx = 0.0, fx = 0.0, gx = 0.0, sty = 0.0, fy = 0.0, gy = 0.0
    private var stmin = 0.0, stmax = 0.0, width = 0.0, width1 = 0.0

    init(ftol: Double, gtol: Double, xtol: Double, stpmin: Double, stpmax: Double) {
        self.ftol = ftol; self.gtol = gtol; self.xtol = xtol; self.stpmin = stpmin; self.stpmax = stpmax
    }

    /// Runs the search from the first trial step `alpha1` (`DCSRCH.__call__`, at most 100
    /// trials). Returns the accepted step with φ and φ′ there, or nil when it fails.
    mutating func search(alpha1: Double, phi0: Double, derphi0: Double,
                         evaluate: (Double) -> (phi: Double, derphi: Double)) -> (step: Double, phi: Double, derphi: Double)? {
        var stp = alpha1, f = phi0, g = derphi0
        var task = Task.start
        for _ in 0..<100 {
            (stp, task) = iterate(stp: stp, f: f, g: g, task: task)
            guard stp.isFinite else { return nil }
            guard task == .evaluate else { return task == .converged ? (stp, f, g) : nil }
            (f, g) = evaluate(stp)
        }
        return nil
    }

    private mutating func iterate(stp stpIn: Double, f: Double, g: Double, task: Task) -> (Double, Task) {
        var stp = stpIn
        let p5 = 0.5, p66 = 0.66, xtrapl = 1.1, xtrapu = 4.0
        if task == .start {
            if stp < stpmin || stp > stpmax || g >= 0 || ftol < 0 || gtol < 0 || xtol < 0 || stpmin < 0 || stpmax < stpmin {
                return (stp, .error)
            }
            brackt = false; stage = 1
            finit = f; ginit = g; gtest = ftol * ginit
            width = stpmax - stpmin; width1 = width / p5
            stx = 0; fx = finit; gx = ginit
            sty = 0; fy = finit; gy = ginit
            stmin = 0; stmax = stp + xtrapu * stp
            return (stp, .evaluate)
        }
        let ftest = finit + stp * gtest
        if stage == 1 && f <= ftest && g >= 0 { stage = 2 }
        var next: Task? = nil
        if brackt && (stp <= stmin || stp >= stmax) { next = .warning }
        if brackt && stmax - stmin <= xtol * stmax { next = .warning }
        if stp == stpmax && f <= ftest && g <= gtest { next = .warning }
        if stp == stpmin && (f > ftest || g >= gtest) { next = .warning }
        if f <= ftest && abs(g) <= gtol * -ginit { next = .converged }
        if let next { return (stp, next) }

        if stage == 1 && f <= fx && f > ftest {
            // The modified function ψ(α) = φ(α) − φ(0) − α·gtest.
            var fxm = fx - stx * gtest, fym = fy - sty * gtest, gxm = gx - gtest, gym = gy - gtest
            Self.step(stx: &stx, fx: &fxm, dx: &gxm, sty: &sty, fy: &fym, dy: &gym, stp: &stp,
                      fp: f - stp * gtest, dp: g - gtest, brackt: &brackt, stpmin: stmin, stpmax: stmax)
            fx = fxm + stx * gtest; fy = fym + sty * gtest
            gx = gxm + gtest; gy = gym + gtest
        } else {
            Self.step(stx: &stx, fx: &fx, dx: &gx, sty: &sty, fy: &fy, dy: &gy, stp: &stp,
                      fp: f, dp: g, brackt: &brackt, stpmin: stmin, stpmax: stmax)
        }
        if brackt {
            if abs(sty - stx) >= p66 * width1 { stp = stx + p5 * (sty - stx) }
            width1 = width
            width = abs(sty - stx)
            stmin = min(stx, sty); stmax = max(stx, sty)
        } else {
            stmin = stp + xtrapl * (stp - stx)
            stmax = stp + xtrapu * (stp - stx)
        }
        stp = clip(stp, stpmin, stpmax)
        if brackt && (stp <= stmin || stp >= stmax) || (brackt && stmax - stmin <= xtol * stmax) { stp = stx }
        return (stp, .evaluate)
    }

    /// DCSTEP: the safeguarded cubic / quadratic step and the update of the bracket.
    private static func step(stx: inout Double, fx: inout Double, dx: inout Double,
                             sty: inout Double, fy: inout Double, dy: inout Double, stp: inout Double,
                             fp: Double, dp: Double, brackt: inout Bool, stpmin: Double, stpmax: Double) {
        let sgnd = sign(dp) * sign(dx)
        var stpf: Double
        if fp > fx {
            let theta = 3 * (fx - fp) / (stp - stx) + dx + dp
            let s = pyMax(abs(theta), abs(dx), abs(dp))
            var gamma = s * ((theta / s) * (theta / s) - (dx / s) * (dp / s)).squareRoot()
            if stp < stx { gamma = -gamma }
            let p = (gamma - dx) + theta
            let q = ((gamma - dx) + gamma) + dp
            let stpc = stx + p / q * (stp - stx)
            let stpq = stx + ((dx / ((fx - fp) / (stp - stx) + dx)) / 2) * (stp - stx)
            stpf = abs(stpc - stx) <= abs(stpq - stx) ? stpc : stpc + (stpq - stpc) / 2
            brackt = true
        } else if sgnd < 0 {
            let theta = 3 * (fx - fp) / (stp - stx) + dx + dp
            let s = pyMax(abs(theta), abs(dx), abs(dp))
            var gamma = s * ((theta / s) * (theta / s) - (dx / s) * (dp / s)).squareRoot()
            if stp > stx { gamma = -gamma }
            let p = (gamma - dp) + theta
            let q = ((gamma - dp) + gamma) + dx
            let stpc = stp + p / q * (stx - stp)
            let stpq = stp + (dp / (dp - dx)) * (stx - stp)
            stpf = abs(stpc - stp) > abs(stpq - stp) ? stpc : stpq
            brackt = true
        } else if abs(dp) < abs(dx) {
            let theta = 3 * (fx - fp) / (stp - stx) + dx + dp
            let s = pyMax(abs(theta), abs(dx), abs(dp))
            var gamma = s * pyMax(0, (theta / s) * (theta / s) - (dx / s) * (dp / s)).squareRoot()
            if stp > stx { gamma = -gamma }
            let p = (gamma - dp) + theta
            let q = (gamma + (dx - dp)) + gamma
            let r = p / q
            let stpc: Double
            if r < 0 && gamma != 0 { stpc = stp + r * (stx - stp) } else if stp > stx { stpc = stpmax } else { stpc = stpmin }
            let stpq = stp + (dp / (dp - dx)) * (stx - stp)
            if brackt {
                stpf = abs(stpc - stp) < abs(stpq - stp) ? stpc : stpq
                stpf = stp > stx ? min(stp + 0.66 * (sty - stp), stpf) : max(stp + 0.66 * (sty - stp), stpf)
            } else {
                stpf = abs(stpc - stp) > abs(stpq - stp) ? stpc : stpq
                stpf = clip(stpf, stpmin, stpmax)
            }
        } else if brackt {
            let theta = 3 * (fp - fy) / (sty - stp) + dy + dp
            let s = pyMax(abs(theta), abs(dy), abs(dp))
            var gamma = s * ((theta / s) * (theta / s) - (dy / s) * (dp / s)).squareRoot()
            if stp > sty { gamma = -gamma }
            let p = (gamma - dp) + theta
            let q = ((gamma - dp) + gamma) + dy
            stpf = stp + p / q * (sty - stp)
        } else {
            stpf = stp > stx ? stpmax : stpmin
        }
        if fp > fx {
            sty = stp; fy = fp; dy = dp
        } else {
            if sgnd < 0 { sty = stx; fy = fx; dy = dx }
            stx = stp; fx = fp; dx = dp
        }
        stp = stpf
    }
}

/// numpy's sign: −1, 0, 1, or NaN for NaN.
private func sign(_ x: Double) -> Double { x.isNaN ? .nan : (x > 0 ? 1 : (x < 0 ? -1 : 0)) }

/// Python's built-in max: the first argument unless a later one compares greater (so a NaN
/// first argument wins, a later NaN never does).
private func pyMax(_ first: Double, _ rest: Double...) -> Double {
    var m = first
    for v in rest where v > m { m = v }
    return m
}

/// numpy's clip(x, lo, hi) = min(max(x, lo), hi), NaN staying NaN.
private func clip(_ x: Double, _ lo: Double, _ hi: Double) -> Double { x.isNaN ? x : Swift.min(Swift.max(x, lo), hi) }
