import Series

extension ProphetStyle {
    /// Steps at which the seasonal weight is scored: 5, 15 and 30 minutes (this project's
    /// horizons; the model is not told the horizons at fit time), at least one step each.
    static func selectionSteps(interval: Double) -> [Int] {
        Array(Set([300.0, 900, 1800].map { max(1, Int(($0 / interval).rounded())) })).sorted()
    }
    /// Relative validation improvement the seasonal weight β = 1 needs over β = 0.
    static let seasonalMargin = 0.05

    /// β ∈ {0, 1} for the residual model y_t = β s(t) + η_t, η ~ ARIMA(p,d,q) (d fixed, so
    /// that both candidates differ only in β):
    /// fit the additive model and η's AutoARIMA on `series[0..<trainCount]` only, forecast
    /// the rest with rolling origins (re-filtering η, never refitting) and keep the β with
    /// the lower mean absolute error summed over `selectionSteps` (β = 1 only when it is
    /// lower by more than `seasonalMargin`).
    ///
    /// Why not estimate β in sample (GLS): the in-sample seasonal fit explains in-sample
    /// changes by construction, so β̂ ≈ 1 even where the pattern does not recur (bursty
    /// series); only held-out points tell whether it does.
    func selectSeasonalWeight(series: RegularSeries, trainCount: Int, differences d: Int) throws -> Double {
        let selection = Self.selectionSteps(interval: series.interval)
        let steps = selection.max() ?? 1
        let n = series.count
        guard trainCount >= 10, n - trainCount > steps + 1 else { return 1 }
        let train = series.prefix(trainCount)
        let additive = try fitAdditive(train)
        let seasonal = additive.seasonal(at: (0..<n).map { series.timestamp(at: $0) })
        var errors: [Double] = []
        for weight in [0.0, 1.0] {
            let residuals = series.with(values: (0..<n).map { series.values[$0] - weight * seasonal[$0] })
            let model = try AutoARIMA(fixedD: d).fit(series: residuals.prefix(trainCount))
            let origins = (trainCount - 1)..<(n - steps)
            let paths = try model.rollingForecasts(over: residuals, origins: origins, steps: steps)
            var error = 0.0
            for h in selection {
                var sum = 0.0
                for (i, t) in origins.enumerated() {
                    sum += abs(series.values[t + h] - (paths[i][h - 1] + weight * seasonal[t + h]))
                }
                error += sum / Double(origins.count)
            }
            errors.append(error)
        }
        // β = 1 must beat β = 0 by `seasonalMargin` (it costs 2·Σorders fitted Fourier
        // coefficients, and validation errors of bursty series are noisy).
        return errors[1] < (1 - Self.seasonalMargin) * errors[0] ? 1 : 0
    }
}
