/// Non-negative combination weights that minimise the mean absolute error of a weighted
/// combination of member forecasts; the ensemble fits one set per forecast step k.
///
/// Given member forecasts P (members M × targets T, `forecasts[m][t]`) and targets y (T),
/// find w on the probability simplex Δ = {w ∈ ℝ^M : w ≥ 0, Σ w = 1} minimising
///
///     f(w) = (1/T) Σ_t | y_t − Σ_m w_m P_{m,t} |.
///
/// f is convex and piecewise linear (minimising it is a linear programme), so it is not
/// a least-squares problem. The search moves along directions that stay on Δ and
/// minimises f exactly along each one:
///
/// - pair moves d = e_i − e_j (mass δ from member j to member i, δ ∈ [−w_i, w_j]);
/// - vertex moves d = e_i − w (w ← (1 − α)w + α e_i, α ∈ [−w_i/(1 − w_i), 1]).
///
/// Along a direction with member-space change D_t = Σ_m d_m P_{m,t} and current residual
/// r_t = y_t − Σ_m w_m P_{m,t}, the objective is g(δ) = Σ_t |r_t − δ D_t|
/// = Σ_{t: D_t≠0} |D_t| · |r_t/D_t − δ| + const, minimised by the weighted median of the
/// break points r_t/D_t with weights |D_t|; g is convex, so clipping that median into the
/// feasible interval gives the exact constrained minimiser. A move is taken only when it
/// lowers f by more than a relative 1e-12; the search ends when a full sweep over all
/// pairs and vertices takes none (or after `maxSweeps`). It starts from the better of
/// equal weights and the best single member. Every step keeps w ≥ 0 and Σ w = 1 (the
/// weights are renormalised after each move to absorb rounding). For two members the
/// pair direction spans Δ, so the result is the global minimum; for more it is a point
/// no pair or vertex move improves (tests check it recovers a known exact combination).
public enum EnsembleWeights {
    /// Largest number of sweeps over all directions.
    public static let maxSweeps = 200

    /// The weights (M, on Δ) minimising the MAE of Σ_m w_m `forecasts[m]` against
    /// `targets`. `forecasts` is M × T with every row of T = `targets.count` values.
    public static func fit(forecasts: [[Double]], targets: [Double]) -> [Double] {
        let memberCount = forecasts.count
        precondition(memberCount >= 1 && forecasts.allSatisfy { $0.count == targets.count }, "forecasts must be members × targets")
        guard memberCount > 1, !targets.isEmpty else {
            return [Double](repeating: 1 / Double(memberCount), count: memberCount)
        }
        var w = start(forecasts: forecasts, targets: targets)
        var residual = residuals(forecasts: forecasts, weights: w, targets: targets)
        var objective = absoluteSum(residual)
        var change = [Double](repeating: 0, count: targets.count)
        for _ in 0..<maxSweeps {
            var moved = false
            for i in 0..<memberCount {
                for j in 0..<memberCount where j != i {
                    // Pair move: mass δ from j to i.
                    for t in 0..<targets.count { change[t] = forecasts[i][t] - forecasts[j][t] }
                    let step = lineMinimum(residual: residual, change: change, lower: -w[i], upper: w[j])
                    if take(step, change: change, residual: &residual, objective: &objective) {
                        w[i] += step
                        w[j] -= step
                        normalise(&w)
                        moved = true
                    }
                }
                // Vertex move: w ← (1 − α) w + α e_i.
                guard w[i] < 1 else { continue }
                for t in 0..<targets.count { change[t] = forecasts[i][t] - (targets[t] - residual[t]) }
                let step = lineMinimum(residual: residual, change: change, lower: -w[i] / (1 - w[i]), upper: 1)
                if take(step, change: change, residual: &residual, objective: &objective) {
                    for m in 0..<memberCount { w[m] = (1 - step) * w[m] + (m == i ? step : 0) }
                    normalise(&w)
                    moved = true
                }
            }
            // Recompute from the weights so rounding never accumulates across sweeps.
            residual = residuals(forecasts: forecasts, weights: w, targets: targets)
            objective = absoluteSum(residual)
            if !moved { break }
        }
        return w
    }

    /// Mean absolute error of Σ_m w_m `forecasts[m]` against `targets`.
    public static func meanAbsoluteError(forecasts: [[Double]], weights: [Double], targets: [Double]) -> Double {
        guard !targets.isEmpty else { return 0 }
        return absoluteSum(residuals(forecasts: forecasts, weights: weights, targets: targets)) / Double(targets.count)
    }

    /// Equal weights, or the best single member when it is better.
    static func start(forecasts: [[Double]], targets: [Double]) -> [Double] {
        let m = forecasts.count
        var best = [Double](repeating: 1 / Double(m), count: m)
        var bestError = meanAbsoluteError(forecasts: forecasts, weights: best, targets: targets)
        for i in 0..<m {
            var vertex = [Double](repeating: 0, count: m)
            vertex[i] = 1
            let error = meanAbsoluteError(forecasts: forecasts, weights: vertex, targets: targets)
            if error < bestError { (best, bestError) = (vertex, error) }
        }
        return best
    }

    /// r_t = y_t − Σ_m w_m P_{m,t}.
    static func residuals(forecasts: [[Double]], weights: [Double], targets: [Double]) -> [Double] {
        var r = targets
        for (m, row) in forecasts.enumerated() where weights[m] != 0 {
            for t in 0..<r.count { r[t] -= weights[m] * row[t] }
        }
        return r
    }

    static func absoluteSum(_ values: [Double]) -> Double {
        values.reduce(0) { $0 + abs($1) }
    }

    /// argmin over δ ∈ [lower, upper] of Σ_t |r_t − δ D_t|: the weighted median of r_t/D_t
    /// (weights |D_t|), clipped. 0 when no D_t is non-zero.
    static func lineMinimum(residual: [Double], change: [Double], lower: Double, upper: Double) -> Double {
        var points: [(at: Double, weight: Double)] = []
        points.reserveCapacity(residual.count)
        var total = 0.0
        for t in 0..<residual.count where change[t] != 0 {
            let weight = abs(change[t])
            points.append((residual[t] / change[t], weight))
            total += weight
        }
        guard total > 0, lower < upper else { return 0 }
        points.sort { $0.at < $1.at }
        var cumulative = 0.0
        var median = points[points.count - 1].at
        for point in points {
            cumulative += point.weight
            if cumulative >= total / 2 {
                median = point.at
                break
            }
        }
        return min(max(median, lower), upper)
    }

    /// Applies the move `step · change` to `residual` when it lowers the objective by more
    /// than a relative 1e-12; returns whether it did.
    static func take(_ step: Double, change: [Double], residual: inout [Double], objective: inout Double) -> Bool {
        guard step != 0 else { return false }
        var moved = residual
        for t in 0..<moved.count { moved[t] -= step * change[t] }
        let value = absoluteSum(moved)
        guard value < objective - 1e-12 * max(objective, 1e-300) else { return false }
        residual = moved
        objective = value
        return true
    }

    /// Clamps tiny negative rounding to 0 and rescales to Σ w = 1.
    static func normalise(_ w: inout [Double]) {
        for m in 0..<w.count where w[m] < 0 { w[m] = 0 }
        let sum = w.reduce(0, +)
        for m in 0..<w.count { w[m] /= sum }
    }
}
