import Foundation

/// The KPSS test of level stationarity (Kwiatkowski, Phillips, Schmidt & Shin 1992), as
/// forecast::ndiffs runs it (urca::ur.kpss, type "mu", lag ℓ = ⌊3√n / 13⌋):
///
///   e_t = x_t − x̄,  S_t = Σ_{i≤t} e_i,
///   σ̂² = (1/n) Σ e_t² + (2/n) Σ_{s=1}^{ℓ} (1 − s/(ℓ+1)) Σ_{t>s} e_t e_{t−s}   (Newey–West),
///   η = Σ S_t² / (n² σ̂²).
///
/// Large η rejects stationarity. Critical values (type mu): 10 % 0.347, 5 % 0.463,
/// 2.5 % 0.574, 1 % 0.739.
public enum KPSSTest {
    public static func statistic(_ x: [Double]) -> Double {
        let n = x.count
        guard n > 1 else { return 0 }
        let mean = x.reduce(0, +) / Double(n)
        let e = x.map { $0 - mean }
        var partial = 0.0, sumS2 = 0.0
        for v in e { partial += v; sumS2 += partial * partial }
        let lags = Int(3 * Double(n).squareRoot() / 13)
        var variance = e.reduce(0) { $0 + $1 * $1 } / Double(n)
        if lags > 0 {
            for s in 1...lags {
                var acc = 0.0
                for t in s..<n { acc += e[t] * e[t - s] }
                variance += 2 * (1 - Double(s) / Double(lags + 1)) * acc / Double(n)
            }
        }
        guard variance > 0 else { return 0 }
        return sumS2 / (Double(n) * Double(n) * variance)
    }

    /// Critical value at level α ∈ {0.10, 0.05, 0.025, 0.01} (linear in between).
    public static func criticalValue(alpha: Double) -> Double {
        let table: [(Double, Double)] = [(0.10, 0.347), (0.05, 0.463), (0.025, 0.574), (0.01, 0.739)]
        if alpha >= 0.10 { return 0.347 }
        if alpha <= 0.01 { return 0.739 }
        for k in 0..<(table.count - 1) where alpha <= table[k].0 && alpha >= table[k + 1].0 {
            let (a0, c0) = table[k], (a1, c1) = table[k + 1]
            return c0 + (c1 - c0) * (alpha - a0) / (a1 - a0)
        }
        return 0.463
    }

    /// forecast::ndiffs: difference while KPSS rejects at α, at most `maxD` times; a
    /// series that becomes constant stops the loop.
    public static func differencesNeeded(_ x: [Double], alpha: Double = 0.05, maxD: Int = 2) -> Int {
        var series = x
        var d = 0
        while d < maxD, series.count > 2, !isConstant(series), statistic(series) > criticalValue(alpha: alpha) {
            series = zip(series.dropFirst(), series).map { $0 - $1 }
            d += 1
        }
        return d
    }
}

/// Seasonal strength F = max(0, 1 − Var(R) / Var(S + R)) (Wang, Smith & Hyndman 2006)
/// from a classical additive decomposition (centred moving-average trend, seasonal
/// means of the detrended series). forecast::nsdiffs uses STL for the same quantity and
/// takes one seasonal difference when F > 0.64.
public enum SeasonalStrength {
    public static func of(_ x: [Double], period: Int) -> Double {
        decompose(x, period: period)?.strength ?? 0
    }

    /// Strength above which one seasonal difference is taken (forecast::nsdiffs' "seas" test).
    public static let differencingThreshold = 0.64

    /// forecast::nsdiffs with max_D = 1: 1 when the strength exceeds 0.64, else 0 (0 for a
    /// constant series or one shorter than 2s + 1).
    public static func differencesNeeded(_ x: [Double], period: Int) -> Int {
        !isConstant(x) && of(x, period: period) > differencingThreshold ? 1 : 0
    }

    /// The seasonal indices S_0 … S_{s−1} (centred to mean 0, S_k belongs to indices
    /// t ≡ k mod s) and the strength F; nil when n < 2s + 1. O(n) with a running sum.
    public static func decompose(_ x: [Double], period: Int) -> (seasonal: [Double], strength: Double)? {
        let n = x.count
        guard period >= 2, n >= 2 * period + 1 else { return nil }
        // Centred moving average of order `period` (2×m MA when m is even).
        var trend = [Double](repeating: .nan, count: n)
        let half = period / 2
        if period % 2 == 0 {
            var inner = 0.0  // x[t−half+1] … x[t+half−1]
            for k in 1..<(2 * half) { inner += x[k] }
            for t in half..<(n - half) {
                if t > half { inner += x[t + half - 1] - x[t - half] }
                trend[t] = (inner + 0.5 * x[t - half] + 0.5 * x[t + half]) / Double(period)
            }
        } else {
            var window = 0.0
            for k in 0...(2 * half) { window += x[k] }
            for t in half..<(n - half) {
                if t > half { window += x[t + half] - x[t - half - 1] }
                trend[t] = window / Double(period)
            }
        }
        var sums = [Double](repeating: 0, count: period), counts = [Int](repeating: 0, count: period)
        for t in 0..<n where trend[t].isFinite { sums[t % period] += x[t] - trend[t]; counts[t % period] += 1 }
        var seasonal = (0..<period).map { counts[$0] > 0 ? sums[$0] / Double(counts[$0]) : 0 }
        let centre = seasonal.reduce(0, +) / Double(period)
        seasonal = seasonal.map { $0 - centre }
        var detrended: [Double] = [], remainder: [Double] = []
        for t in 0..<n where trend[t].isFinite {
            detrended.append(x[t] - trend[t])
            remainder.append(x[t] - trend[t] - seasonal[t % period])
        }
        let vd = variance(detrended), vr = variance(remainder)
        return (seasonal, vd > 0 ? max(0, 1 - vr / vd) : 0)
    }

    private static func variance(_ x: [Double]) -> Double {
        guard x.count > 1 else { return 0 }
        let m = x.reduce(0, +) / Double(x.count)
        return x.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(x.count - 1)
    }
}

func isConstant(_ x: [Double]) -> Bool {
    guard let first = x.first else { return true }
    let scale = max(1, abs(first))
    return x.allSatisfy { abs($0 - first) <= 1e-12 * scale }
}
