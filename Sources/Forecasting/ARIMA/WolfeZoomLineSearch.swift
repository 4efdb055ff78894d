import Foundation

/// SciPy 1.17's `line_search_wolfe2` (`scalar_search_wolfe2` and `_zoom`: Nocedal & Wright
/// 2006, Algorithms 3.5 and 3.6), the fallback `SciPyBFGS` runs when `MinpackLineSearch`
/// finds no step, transcribed step by step. φ(α) = f(x + αp), φ′(α) = ∇f(x + αp)ᵀp.
///
/// The first trial is min(1, 2.02 (φ(0) − f_{k−1}) / φ′(0)) (1 when negative); the trial
/// doubles until the Armijo test fails or φ rises (then zoom between the last two trials by
/// safeguarded cubic, quadratic or bisection steps, at most 10 + 1 of them) or the strong
/// Wolfe curvature test holds. After 10 doublings SciPy accepts the last trial without the
/// curvature test (`gradientKnown` false: the caller evaluates the gradient there).
enum WolfeZoomLineSearch {
    struct Step { var alpha: Double; var phi: Double; var gradientKnown: Bool }

    static func search(phi0: Double, previousPhi0: Double, derphi0: Double, c1: Double = 1e-4, c2: Double = 0.9,
                       amax: Double = 1e100, phi: (Double) -> Double, derphi: (Double) -> Double) -> Step? {
        var alpha0 = 0.0
        var alpha1 = derphi0 != 0 ? min(1.0, 1.01 * 2 * (phi0 - previousPhi0) / derphi0) : 1.0
        if alpha1 < 0 { alpha1 = 1.0 }
        alpha1 = min(alpha1, amax)
        var phiA1 = phi(alpha1), phiA0 = phi0, derphiA0 = derphi0
        for i in 0..<10 {
            if alpha1 == 0 || alpha0 > amax { return nil }
            if phiA1 > phi0 + c1 * alpha1 * derphi0 || (phiA1 >= phiA0 && i > 0) {
                return zoom(lo: alpha0, hi: alpha1, phiLo: phiA0, phiHi: phiA1, derphiLo: derphiA0,
                            phi0: phi0, derphi0: derphi0, c1: c1, c2: c2, phi: phi, derphi: derphi)
            }
            let derphiA1 = derphi(alpha1)
            if abs(derphiA1) <= -c2 * derphi0 { return Step(alpha: alpha1, phi: phiA1, gradientKnown: true) }
            if derphiA1 >= 0 {
                return zoom(lo: alpha1, hi: alpha0, phiLo: phiA1, phiHi: phiA0, derphiLo: derphiA1,
                            phi0: phi0, derphi0: derphi0, c1: c1, c2: c2, phi: phi, derphi: derphi)
            }
            let alpha2 = min(2 * alpha1, amax)
            alpha0 = alpha1
            alpha1 = alpha2
            phiA0 = phiA1
            phiA1 = phi(alpha1)
            derphiA0 = derphiA1
        }
        return Step(alpha: alpha1, phi: phiA1, gradientKnown: false)
    }

    private static func zoom(lo: Double, hi: Double, phiLo: Double, phiHi: Double, derphiLo: Double,
                             phi0: Double, derphi0: Double, c1: Double, c2: Double,
                             phi: (Double) -> Double, derphi: (Double) -> Double) -> Step? {
        var aLo = lo, aHi = hi, phiLo = phiLo, phiHi = phiHi, derphiLo = derphiLo
        var phiRec = phi0, aRec = 0.0
        var aj = 0.0
        var i = 0
        while true {
            let dalpha = aHi - aLo
            let (a, b) = dalpha < 0 ? (aHi, aLo) : (aLo, aHi)
            var cubic: Double? = nil
            var cchk = 0.0
            if i > 0 {
                cchk = 0.2 * dalpha
                cubic = cubicMinimum(aLo, phiLo, derphiLo, aHi, phiHi, aRec, phiRec)
            }
            if i == 0 || cubic == nil || cubic! > b - cchk || cubic! < a + cchk {
                let qchk = 0.1 * dalpha
                let quadratic = quadraticMinimum(aLo, phiLo, derphiLo, aHi, phiHi)
                if let quadratic, !(quadratic > b - qchk || quadratic < a + qchk) { aj = quadratic } else { aj = aLo + 0.5 * dalpha }
            } else {
                aj = cubic!
            }
            let phiAj = phi(aj)
            if phiAj > phi0 + c1 * aj * derphi0 || phiAj >= phiLo {
                phiRec = phiHi; aRec = aHi
                aHi = aj; phiHi = phiAj
            } else {
                let derphiAj = derphi(aj)
                if abs(derphiAj) <= -c2 * derphi0 { return Step(alpha: aj, phi: phiAj, gradientKnown: true) }
                if derphiAj * (aHi - aLo) >= 0 {
                    phiRec = phiHi; aRec = aHi
                    aHi = aLo; phiHi = phiLo
                } else {
                    phiRec = phiLo; aRec = aLo
                }
                aLo = aj; phiLo = phiAj; derphiLo = derphiAj
            }
            i += 1
            if i > 10 { return nil }
        }
    }

    /// Minimiser of the cubic through (a, fa) with slope fpa, (b, fb), (c, fc); nil where
    /// NumPy would raise (division by zero, overflow, invalid) or the result is not finite.
    private static func cubicMinimum(_ a: Double, _ fa: Double, _ fpa: Double, _ b: Double, _ fb: Double,
                                     _ c: Double, _ fc: Double) -> Double? {
        let cc = fpa, db = b - a, dc = c - a
        let denom = (db * dc) * (db * dc) * (db - dc)
        let v0 = fb - fa - cc * db, v1 = fc - fa - cc * dc
        var aa = dc * dc * v0 + -(db * db) * v1
        var bb = -(dc * dc * dc) * v0 + db * db * db * v1
        guard denom != 0, [denom, v0, v1, aa, bb].allSatisfy(\.isFinite) else { return nil }
        aa /= denom
        bb /= denom
        let radical = bb * bb - 3 * aa * cc
        guard aa != 0, radical >= 0, aa.isFinite, bb.isFinite, radical.isFinite else { return nil }
        let xmin = a + (-bb + radical.squareRoot()) / (3 * aa)
        return xmin.isFinite ? xmin : nil
    }

    /// Minimiser of the quadratic through (a, fa) with slope fpa and (b, fb); nil as above.
    private static func quadraticMinimum(_ a: Double, _ fa: Double, _ fpa: Double, _ b: Double, _ fb: Double) -> Double? {
        let db = b - a
        guard db * db != 0 else { return nil }
        let bb = (fb - fa - fpa * db) / (db * db)
        guard bb != 0, bb.isFinite else { return nil }
        let xmin = a - fpa / (2 * bb)
        return xmin.isFinite ? xmin : nil
    }
}
