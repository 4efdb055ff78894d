import Foundation
import Kernels

/// The normal distribution truncated to an interval, in log space where it matters, as
/// Optuna's `_truncnorm` computes it (the Parzen estimators' kernels).
///
/// With a = (low − μ)/σ and b = (high − μ)/σ, the density on [low, high] is
/// p(x) = φ((x − μ)/σ) / (σ · (Φ(b) − Φ(a))).
enum TruncatedNormal {
    static let logSqrt2Pi = 0.5 * log(2 * Double.pi)

    /// log Φ(a): from erfc where that is accurate, else the asymptotic series
    /// log Φ(a) = −a²/2 − log(−a) − ½ log 2π + log(1 − 1/a² + 3/a⁴ − …) for a ≤ −20.
    static func logNdtr(_ a: Double) -> Double {
        if a > 6 { return -ndtr(-a) } // log(1 − ε) ≈ −ε
        if a > -20 { return log(ndtr(a)) }
        let lhs = -0.5 * a * a - log(-a) - logSqrt2Pi
        var last = 0.0, total = 1.0, numerator = 1.0, denominator = 1.0, sign = 1.0, i = 0.0
        let step = 1 / (a * a)
        while abs(last - total) > Double.ulpOfOne {
            i += 1
            last = total
            sign = -sign
            denominator *= step
            numerator *= 2 * i - 1
            total += sign * numerator * denominator
        }
        return lhs + log(total)
    }

    /// Φ(a), with erfc on both tails.
    static func ndtr(_ a: Double) -> Double {
        let x = a / 2.squareRoot()
        if x < -1 / 2.squareRoot() { return 0.5 * erfc(-x) }
        if x < 1 / 2.squareRoot() { return 0.5 + 0.5 * erf(x) }
        return 1 - 0.5 * erfc(x)
    }

    /// log(Φ(b) − Φ(a)) for a ≤ b: in the left tail as log Φ(b) + log1p(−exp(log Φ(a) − log Φ(b))),
    /// the right tail by symmetry, and log1p(−Φ(a) − Φ(−b)) when the interval holds 0.
    static func logGaussMass(_ a: Double, _ b: Double) -> Double {
        if b <= 0 { return logDifference(logNdtr(b), logNdtr(a)) }
        if a > 0 { return logDifference(logNdtr(-a), logNdtr(-b)) }
        return log1p(-ndtr(a) - ndtr(-b))
    }

    /// log(e^p − e^q) for p ≥ q.
    static func logDifference(_ p: Double, _ q: Double) -> Double {
        p + log1p(-exp(q - p))
    }

    /// The q-quantile (q ∈ [0, 1)) of N(μ, σ²) truncated to [low, high], by inverting
    /// Φ(x) = Φ(a) + q·(Φ(b) − Φ(a)) in log space on the side where it is accurate
    /// (as Optuna's `ppf`), clipped to the interval.
    static func quantile(_ q: Double, mu: Double, sigma: Double, low: Double, high: Double) -> Double {
        let a = (low - mu) / sigma, b = (high - mu) / sigma
        let mass = logGaussMass(a, b)
        let z: Double
        if a < 0 {
            z = NormalDistribution.quantile(exp(logSum(logNdtr(a), log(q) + mass)))
        } else {
            z = -NormalDistribution.quantile(exp(logSum(logNdtr(-b), log1p(-q) + mass)))
        }
        return min(max(mu + sigma * z, low), high)
    }

    /// log(e^p + e^q).
    static func logSum(_ p: Double, _ q: Double) -> Double {
        let m = max(p, q)
        if m == -.infinity { return -.infinity }
        return m + log(exp(p - m) + exp(q - m))
    }
}
