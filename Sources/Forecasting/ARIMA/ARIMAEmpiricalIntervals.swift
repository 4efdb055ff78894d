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
    /// Longest horizon tabulated for empirical intervals (120 steps = 30 minutes at 15 s).
    static let empiricalMaxSteps = 120

    /// Tabulates q_c(|e_h|) for c in `intervalLevels`, h = 1 … min(120, n/4), from rolling
    /// forecasts over `history` (the fit data). Needs at least 50 origins per step.
    mutating func tabulateEmpiricalErrors(history y: [Double]) throws(ARIMAError) {
        let m = specification.differencingLag
        let burnIn = max(m + 1, min(y.count / 10, 100))
        let maxSteps = min(Self.empiricalMaxSteps, y.count / 4)
        guard maxSteps >= 1, y.count - 1 - burnIn >= 50 + maxSteps else { return }
        let origins = burnIn..<(y.count - 1)
        let paths = try rollingPaths(y, origins: origins, steps: maxSteps)
        var table = [[Double]](repeating: [], count: intervalLevels.count)
        for h in 1...maxSteps {
            var errors: [Double] = []
            errors.reserveCapacity(origins.count)
            for (i, t) in origins.enumerated() where t + h < y.count { errors.append(abs(y[t + h] - paths[i][h - 1])) }
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
