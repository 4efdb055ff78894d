import Foundation
import Kernels

/// The generated series of the AutoARIMA differential test, bit for bit the same as
/// Tests/ForecastingTests/Reference/differential_series.py (SplitMix64, Box–Muller with the
/// C library's log/cos/sqrt, sums left to right). Change both together: every fixture case
/// carries (Σx, Σx²) and `checksumMismatch` reports a drift.
///
/// Every kind starts from ARMA(2,1) noise a_t = φ₁a_{t−1} + φ₂a_{t−2} + σ(e_t + θe_{t−1})
/// (φ₁ ∈ ±0.9, |φ₂| ≤ 0.4(1 − |φ₁|), θ ∈ ±0.8, σ ∈ [0.5, 1.5), 50 burn-in steps), then:
/// noise 10 + σe_t (fresh draws); arma 10 + a_t; random_walk 10 + Σ(0.3a_t + drift);
/// trend 10 + b·t + a_t; level_shift 1–4 steps of ±5σ; bursts 2–7 decaying ramps of 3–10σ
/// lasting 5–50 steps; seasonal a sine of period 12/24/48/288 and amplitude 1–4σ; mixed =
/// 10 + a_t + Σ0.2a_t + season + shifts + bursts.
public enum DifferentialSeries {
    public static let kinds = ["noise", "arma", "random_walk", "trend", "level_shift", "bursts", "seasonal", "mixed"]
    static let seasonPeriods = [12, 24, 48, 288]

    public enum GenerationError: Error, CustomStringConvertible {
        case unknownKind(String)
        public var description: String {
            switch self {
            case .unknownKind(let kind): "unknown series kind \(kind); one of \(DifferentialSeries.kinds.joined(separator: ", "))"
            }
        }
    }

    /// The `length` points of `kind` drawn from SplitMix64(seed).
    public static func generate(seed: UInt64, kind: String, length: Int) throws(GenerationError) -> [Double] {
        var rng = SplitMix64(seed: seed)
        let (a, sigma) = armaNoise(&rng, count: length)
        switch kind {
        case "noise":
            return (0..<length).map { _ in 10.0 + sigma * rng.nextGaussian() }
        case "arma":
            return a.map { 10.0 + $0 }
        case "random_walk":
            let drift = rng.nextUnit() < 0.5 ? 0.0 : 0.02 * (2.0 * rng.nextUnit() - 1.0)
            var level = 10.0
            return a.map { v in
                level += 0.3 * v + drift
                return level
            }
        case "trend":
            let slope = 20.0 * sigma * (2.0 * rng.nextUnit() - 1.0) / Double(length)
            return (0..<length).map { t in 10.0 + slope * Double(t) + a[t] }
        default:
            break
        }
        var x = a.map { 10.0 + $0 }
        switch kind {
        case "level_shift": addShifts(&rng, &x, sigma: sigma)
        case "bursts": addBursts(&rng, &x, sigma: sigma)
        case "seasonal": addSeason(&rng, &x, sigma: sigma)
        case "mixed":
            var level = 0.0
            for t in 0..<length {
                level += 0.2 * a[t]
                x[t] += level
            }
            addSeason(&rng, &x, sigma: sigma)
            addShifts(&rng, &x, sigma: sigma)
            addBursts(&rng, &x, sigma: sigma)
        default:
            throw .unknownKind(kind)
        }
        return x
    }

    /// (Σ x_t, Σ x_t²), accumulated left to right as the Python twin does.
    public static func checksum(_ x: [Double]) -> (sum: Double, sumSquares: Double) {
        var s = 0.0, s2 = 0.0
        for v in x {
            s += v
            s2 += v * v
        }
        return (s, s2)
    }

    /// A description of the drift when (Σx, Σx²) of `x` differ from the fixture's by more
    /// than 1e-9 relative; nil when they agree.
    public static func checksumMismatch(_ x: [Double], sum: Double, sumSquares: Double) -> String? {
        let (s, s2) = checksum(x)
        func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-9 * max(1, abs(b)) }
        if close(s, sum) && close(s2, sumSquares) { return nil }
        return "generated Σx = \(s), Σx² = \(s2); the fixture has \(sum), \(sumSquares): "
            + "DifferentialSeries.swift and differential_series.py have drifted apart"
    }

    static func below(_ rng: inout SplitMix64, _ n: Int) -> Int { Int(rng.nextUnit() * Double(n)) }

    static func armaNoise(_ rng: inout SplitMix64, count: Int) -> (values: [Double], sigma: Double) {
        let phi1 = 0.9 * (2.0 * rng.nextUnit() - 1.0)
        let phi2 = 0.4 * (2.0 * rng.nextUnit() - 1.0) * (1.0 - abs(phi1))
        let theta = 0.8 * (2.0 * rng.nextUnit() - 1.0)
        let sigma = 0.5 + rng.nextUnit()
        var a1 = 0.0, a2 = 0.0, e1 = 0.0
        var out: [Double] = []
        out.reserveCapacity(count)
        for t in 0..<(count + 50) {
            let e = rng.nextGaussian()
            let a = phi1 * a1 + phi2 * a2 + sigma * (e + theta * e1)
            (a2, a1, e1) = (a1, a, e)
            if t >= 50 { out.append(a) }
        }
        return (out, sigma)
    }

    static func addShifts(_ rng: inout SplitMix64, _ x: inout [Double], sigma: Double) {
        let n = x.count
        for _ in 0..<(1 + below(&rng, 4)) {
            let at = below(&rng, n)
            let size = 5.0 * sigma * (2.0 * rng.nextUnit() - 1.0)
            for t in at..<n { x[t] += size }
        }
    }

    static func addBursts(_ rng: inout SplitMix64, _ x: inout [Double], sigma: Double) {
        let n = x.count
        for _ in 0..<(2 + below(&rng, 6)) {
            let at = below(&rng, n)
            let height = sigma * (3.0 + 7.0 * rng.nextUnit())
            let duration = 5 + below(&rng, 46)
            for j in 0..<duration where at + j < n {
                x[at + j] += height * (1.0 - Double(j) / Double(duration))
            }
        }
    }

    static func addSeason(_ rng: inout SplitMix64, _ x: inout [Double], sigma: Double) {
        let period = seasonPeriods[below(&rng, seasonPeriods.count)]
        let amplitude = sigma * (1.0 + 3.0 * rng.nextUnit())
        for t in x.indices {
            x[t] += amplitude * sin(2.0 * Double.pi * Double(t) / Double(period))
        }
    }
}
