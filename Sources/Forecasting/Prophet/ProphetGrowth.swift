import Foundation

/// The trend family of the Prophet-style model (prophet's `growth`).
public enum ProphetGrowth: Sendable, Codable, Hashable {
    /// Piecewise-linear trend (prophet's default).
    case linear
    /// Piecewise-logistic trend saturating at a capacity C(t) in the series' units
    /// (prophet's `growth='logistic'` with a `cap` column; the floor is 0).
    case logistic(ProphetCapacity)
}

/// The capacity C(t) of logistic growth, in the same units as the series.
public enum ProphetCapacity: Sendable, Codable, Hashable {
    /// One value for every timestamp.
    case constant(Double)
    /// A value per timestamp (epoch seconds, increasing): C(t) is the value at the latest
    /// timestamp ≤ t, the first value before the first timestamp and the last value after
    /// the last one (so forecasts past the schedule keep its last capacity).
    case schedule(timestamps: [Double], values: [Double])

    /// C(t) at each epoch timestamp.
    public func values(at timestamps: [Double]) -> [Double] {
        switch self {
        case .constant(let c):
            return [Double](repeating: c, count: timestamps.count)
        case .schedule(let times, let values):
            return timestamps.map { t in
                // Index of the last schedule time ≤ t (binary search).
                var lo = 0, hi = times.count
                while lo < hi {
                    let mid = (lo + hi) / 2
                    if times[mid] <= t { lo = mid + 1 } else { hi = mid }
                }
                return values[max(lo - 1, 0)]
            }
        }
    }

    /// Throws `.invalidCapacity` unless every value is finite and positive and a schedule
    /// has one increasing timestamp per value.
    func validate() throws(ProphetError) {
        switch self {
        case .constant(let c):
            guard c.isFinite, c > 0 else { throw .invalidCapacity(index: 0, value: c) }
        case .schedule(let times, let values):
            guard !values.isEmpty, times.count == values.count else {
                throw .invalidCapacitySchedule(timestamps: times.count, values: values.count)
            }
            if let bad = values.firstIndex(where: { !($0.isFinite && $0 > 0) }) { throw .invalidCapacity(index: bad, value: values[bad]) }
            if let bad = times.indices.dropFirst().first(where: { !(times[$0] > times[$0 - 1]) }) {
                throw .invalidCapacitySchedule(timestamps: times.count, values: values.count, unorderedAt: bad)
            }
        }
    }
}

/// prophet's `piecewise_logistic` in scaled units, for rate k, offset m, rate changes δ_j
/// at changepoints s_j (j = 0 … S−1):
///
///   K_0 = k,  K_{j+1} = K_j + δ_j                        (rate of segment j)
///   M_0 = m,  γ_j = (s_j − M_j)(1 − K_j / K_{j+1}),  M_{j+1} = M_j + γ_j
///   g(t) = C(t) / (1 + exp(−K_j (t − M_j)))   for t in segment j (j = #{s_i ≤ t})
///
/// The γ_j make g continuous at every changepoint (prophet's `logistic_gamma`).
struct PiecewiseLogistic {
    let changepoints: [Double]
    /// K_0 … K_S.
    let rates: [Double]
    /// M_0 … M_S.
    let offsets: [Double]

    init(k: Double, m: Double, deltas: ArraySlice<Double>, changepoints: [Double]) {
        self.changepoints = changepoints
        var rates = [k], offsets = [m]
        for (j, delta) in deltas.enumerated() {
            let next = rates[j] + delta
            offsets.append(offsets[j] + (changepoints[j] - offsets[j]) * (1 - rates[j] / next))
            rates.append(next)
        }
        self.rates = rates
        self.offsets = offsets
    }

    /// j = #{s_i ≤ t}: prophet's indicator a_i(t) = [t ≥ s_i] summed (changepoints increase).
    func segment(of t: Double) -> Int {
        var lo = 0, hi = changepoints.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if changepoints[mid] <= t { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// g(t) for scaled time t and scaled capacity c.
    func value(at t: Double, capacity c: Double) -> Double {
        let j = segment(of: t)
        return c / (1 + exp(-rates[j] * (t - offsets[j])))
    }

    /// ∂M_j/∂ψ for ψ = (k, m, δ_0 … δ_{S−1}), row j = 0 … S (row-major, S + 1 × S + 2), by
    /// differentiating the γ recursion: with r_j = K_j / K_{j+1},
    ///   ∂γ_j = −∂M_j (1 − r_j) − (s_j − M_j) (∂K_j K_{j+1} − K_j ∂K_{j+1}) / K_{j+1}²,
    /// ∂K_j/∂k = 1, ∂K_j/∂δ_i = [i < j].
    func offsetJacobian() -> [Double] {
        let s = changepoints.count, width = s + 2
        var d = [Double](repeating: 0, count: (s + 1) * width)
        d[1] = 1  // ∂M_0/∂m
        for j in 0..<s {
            let kj = rates[j], kn = rates[j + 1]
            let ratio = kj / kn
            let lever = changepoints[j] - offsets[j]
            for psi in 0..<width {
                let dkj: Double = psi == 0 || (psi >= 2 && psi - 2 < j) ? 1 : 0
                let dkn: Double = psi == 0 || (psi >= 2 && psi - 2 <= j) ? 1 : 0
                let dRatio = (dkj * kn - kj * dkn) / (kn * kn)
                let dm = d[j * width + psi]
                d[(j + 1) * width + psi] = dm + (-dm * (1 - ratio) - lever * dRatio)
            }
        }
        return d
    }
}
