/// How `FittedARIMA.predictIntervals` builds its bounds.
public enum IntervalMethod: String, Sendable, Codable, Equatable {
    /// mean ± z_{(1+c)/2} σ √(Σ_{j<h} ψ_j²): the textbook Gaussian ARIMA interval.
    case gaussian
    /// mean ± q_c(|e_h|), q_c the c-quantile of the absolute h-step errors of the fitted
    /// model's own rolling forecasts over its fit data (fixed parameters, every origin
    /// after a burn-in). Resource series are heavy-tailed, so Gaussian bounds are too wide
    /// most of the time and too narrow in bursts; these hold their coverage in sample by
    /// construction. Falls back to Gaussian beyond the tabulated steps or for levels not
    /// tabulated at fit time.
    case empirical
}

extension FittedARIMA {
    /// Steps tabulated for empirical intervals on a grid of `interval` seconds: 30 minutes
    /// (this project's longest horizon), at least 12 and at most 120 steps (30 min at 15 s).
    static func empiricalSteps(interval: Double) -> Int {
        min(120, max(12, Int((1800 / interval).rounded(.up))))
    }

    /// Tabulates q_c(|e_h|) for c in `intervalLevels`, h = 1 … min(`empiricalSteps`, n/4), from rolling
    /// forecasts over `history` (the fit data) at ≤ 1,000 evenly spaced origins (enough for
    /// the 80 % and 95 % quantiles; keeps the cost well below the fit's). Needs at least 50
    /// origins per step.
    mutating func tabulateEmpiricalErrors(history y: [Double], interval: Double) throws(ARIMAError) {
        let m = specification.differencingLag
        let burnIn = max(m + 1, min(y.count / 10, 100))
        let maxSteps = min(Self.empiricalSteps(interval: interval), y.count / 4)
        guard maxSteps >= 1, y.count - 1 - burnIn >= 50 + maxSteps else { return }
        let origins = burnIn..<(y.count - 1)
        let stride = max(1, origins.count / 1000)
        let paths = try rollingPaths(y, origins: origins, steps: maxSteps, stride: stride)
        let used = Swift.stride(from: origins.lowerBound, to: origins.upperBound, by: stride)
        var table = [[Double]](repeating: [], count: intervalLevels.count)
        for h in 1...maxSteps {
            var errors: [Double] = []
            errors.reserveCapacity(paths.count)
            for (i, t) in used.enumerated() where t + h < y.count { errors.append(abs(y[t + h] - paths[i][h - 1])) }
            errors.sort()
            for (l, level) in intervalLevels.enumerated() {
                // Conformal rank ⌈c (N + 1)⌉ (1-based), capped at N.
                let rank = min(Int((level * Double(errors.count + 1)).rounded(.up)), errors.count)
                table[l].append(errors[max(rank - 1, 0)])
            }
        }
        empiricalErrorQuantiles = table
    }
}
