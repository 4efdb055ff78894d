import Series

/// Seasonal indices S_0 … S_{s−1} on a regular grid: S_k applies at the grid points
/// anchor + (k + j·s)·interval. AutoARIMA removes them before fitting when the seasonal
/// period is too long for a seasonal ARIMA (see `AutoARIMA.maxSeasonalARIMAPeriod`) and
/// adds them back to the forecasts (classical decomposition + ARIMA, like forecast::stlf).
public struct SeasonalProfile: Sendable, Codable, Equatable {
    public var values: [Double]
    /// Epoch seconds of a point with phase 0.
    public var anchor: Double
    public var interval: Double
    /// F = max(0, 1 − Var(R)/Var(S + R)) at fit time.
    public var strength: Double

    public var period: Int { values.count }

    /// S at an epoch timestamp on the grid (rounded to the nearest grid point).
    public func value(at timestamp: Double) -> Double {
        let k = Int(((timestamp - anchor) / interval).rounded())
        let s = values.count
        return values[((k % s) + s) % s]
    }
}

extension FittedARIMA {
    /// The values the ARIMA part sees: y minus the seasonal profile, when there is one.
    func adjusted(_ series: RegularSeries) -> [Double] {
        guard let profile = seasonalProfile else { return series.values }
        return series.values.indices.map { series.values[$0] - profile.value(at: series.timestamp(at: $0)) }
    }
}
