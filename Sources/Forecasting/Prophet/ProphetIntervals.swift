import Foundation
import Kernels

extension FittedProphetStyle {
    /// Point forecasts with central intervals at `levels` (default: the model's).
    ///
    /// Without the recent-past model, prophet's simulation: `samples` paths, each with
    /// future trend changes at Poisson(S·(T − 1)) uniform times in (1, T] (S changepoints,
    /// T the last forecast time in history-scaled units) of Laplace(0, mean|δ|) size, plus
    /// N(0, σ²) noise; bounds are the empirical quantiles, the mean path is ŷ. With it, the
    /// residual ARIMA's Gaussian ψ-weight intervals around β s(t+h) + η̂ (the fitted
    /// seasonal part is taken as known).
    public func predictIntervals(steps: Int, levels: [Double]? = nil, samples: Int = 1000, seed: UInt64 = 0) throws -> ForecastIntervals {
        let levels = levels ?? intervalLevels
        for level in levels where !(level > 0 && level < 1) { throw ProphetError.invalidCoverage(level) }
        let mean = try predict(steps: steps)
        let times = (historyCount..<(historyCount + steps)).map { historyStart + Double($0) * interval }
        if let residualModel {
            let eta = try residualModel.predictIntervals(steps: steps, levels: levels)
            var result = ForecastIntervals(mean: mean, standardDeviation: eta.standardDeviation, levels: levels)
            for i in levels.indices {
                for k in 0..<steps {
                    result.lower[i][k] = mean[k] + (eta.lower[i][k] - eta.mean[k])
                    result.upper[i][k] = mean[k] + (eta.upper[i][k] - eta.mean[k])
                }
            }
            return result
        }
        var rng = SplitMix64(seed: seed)
        let design = trend.design
        let t = times.map { design.scaledTime($0) }
        let horizonEnd = t.max() ?? 1
        let changeRate = Double(design.changepoints.count) * max(horizonEnd - 1, 0)
        let lambda = trend.deltas.map(abs).reduce(0, +) / Double(max(trend.deltas.count, 1)) + 1e-8
        var draws = [[Double]](repeating: [], count: steps)
        for _ in 0..<max(samples, 2) {
            let changes = poisson(changeRate, &rng)
            var extra: [(time: Double, delta: Double)] = []
            for _ in 0..<changes {
                let u = rng.nextUnit() - 0.5
                extra.append((1 + rng.nextUnit() * (horizonEnd - 1), -lambda * (u < 0 ? -1 : 1) * log(1 - 2 * abs(u))))
            }
            for k in 0..<steps {
                var offset = 0.0
                for change in extra where t[k] > change.time { offset += change.delta * (t[k] - change.time) }
                draws[k].append(mean[k] + (offset + trend.sigma * rng.nextGaussian()) * trend.yScale)
            }
        }
        var result = ForecastIntervals(mean: mean, standardDeviation: draws.map { standardDeviation($0) }, levels: levels)
        for (i, level) in levels.enumerated() {
            for k in 0..<steps {
                let sorted = draws[k].sorted()
                result.lower[i][k] = quantile(sorted, (1 - level) / 2)
                result.upper[i][k] = quantile(sorted, (1 + level) / 2)
            }
        }
        return result
    }
}

/// Poisson(λ) draw: Knuth's product method for λ ≤ 30, else the rounded normal approximation.
private func poisson(_ lambda: Double, _ rng: inout SplitMix64) -> Int {
    guard lambda > 0 else { return 0 }
    if lambda > 30 { return max(0, Int((lambda + lambda.squareRoot() * rng.nextGaussian()).rounded())) }
    let limit = exp(-lambda)
    var k = 0, product = rng.nextUnit()
    while product > limit { k += 1; product *= rng.nextUnit() }
    return k
}

/// Linear-interpolation quantile of sorted values (numpy's default).
private func quantile(_ sorted: [Double], _ q: Double) -> Double {
    guard !sorted.isEmpty else { return .nan }
    let position = q * Double(sorted.count - 1)
    let lower = Int(position.rounded(.down)), upper = min(lower + 1, sorted.count - 1)
    return sorted[lower] + (position - Double(lower)) * (sorted[upper] - sorted[lower])
}

private func standardDeviation(_ x: [Double]) -> Double {
    let m = x.reduce(0, +) / Double(x.count)
    return (x.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(max(x.count - 1, 1))).squareRoot()
}
