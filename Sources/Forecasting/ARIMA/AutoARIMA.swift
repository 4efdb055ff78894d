import Kernels
import Series

/// Automatic ARIMA order selection (Hyndman & Khandakar 2008, forecast::auto.arima and
/// statsforecast's AutoARIMA with their defaults):
/// 1. D ∈ {0, 1} from the seasonal strength (> 0.64 → one seasonal difference) when
///    `period` > 1; d ≤ 2 by repeated KPSS tests at α = 0.05;
/// 2. stepwise search over (p, q, P, Q, constant) minimising AICc, from (2,d,2)(1,D,1),
///    (0,d,0)(0,D,0), (1,d,0)(1,D,0), (0,d,1)(0,D,1), moving to any better neighbour
///    (±1 on one or two orders, constant toggled) until none improves;
/// 3. models whose AR or MA roots lie inside |z| = 1.01 count as unusable (AICc = ∞).
///
/// As in R, when n > 150 (or s > 12) the search ranks conditional-sum-of-squares fits
/// and only the winner is refitted by exact ML (`approximation`; set it to false for an
/// exact-likelihood search).
/// Guards: a constant series gives ARIMA(0,0,0) with mean; a series that becomes
/// constant after differencing gives ARIMA(0,d,0)(0,D,0); short series cap the orders at
/// n/3 (and seasonal ones at n/(3s)); if no candidate is usable, ARIMA(0,d,0)(0,D,0).
public struct AutoARIMA: Forecaster {
    public var maxP: Int
    public var maxQ: Int
    public var maxSeasonalP: Int
    public var maxSeasonalQ: Int
    public var maxD: Int
    public var maxSeasonalD: Int
    public var startP: Int
    public var startQ: Int
    public var startSeasonalP: Int
    public var startSeasonalQ: Int
    /// Seasonal period s in steps; 1 = non-seasonal.
    public var period: Int
    /// Fixed number of regular differences (R's `d`); nil = chosen by KPSS tests.
    public var fixedD: Int?
    /// Level of the KPSS tests.
    public var alpha: Double
    /// Upper bound on candidate fits.
    public var maxModels: Int
    /// Search with conditional-sum-of-squares fits and refit the winner by exact ML
    /// (R's `approximation`); nil = R's default, n > 150 or s > 12.
    public var approximation: Bool?
    public var intervalLevels: [Double]

    public init(
        period: Int = 1, maxP: Int = 5, maxQ: Int = 5, maxSeasonalP: Int = 2, maxSeasonalQ: Int = 2,
        maxD: Int = 2, maxSeasonalD: Int = 1, startP: Int = 2, startQ: Int = 2,
        startSeasonalP: Int = 1, startSeasonalQ: Int = 1, alpha: Double = 0.05, maxModels: Int = 94,
        approximation: Bool? = nil, fixedD: Int? = nil, intervalLevels: [Double] = [0.8, 0.95]
    ) {
        self.fixedD = fixedD
        self.approximation = approximation
        self.period = period
        self.maxP = maxP; self.maxQ = maxQ
        self.maxSeasonalP = maxSeasonalP; self.maxSeasonalQ = maxSeasonalQ
        self.maxD = maxD; self.maxSeasonalD = maxSeasonalD
        self.startP = startP; self.startQ = startQ
        self.startSeasonalP = startSeasonalP; self.startSeasonalQ = startSeasonalQ
        self.alpha = alpha
        self.maxModels = maxModels
        self.intervalLevels = intervalLevels
    }

    public var name: String { "autoarima" }

    /// Longest period searched as a seasonal ARIMA. A SARIMA with period s has a state of
    /// dimension ≥ s + 1 (O(s²) per Kalman step): at s = 288 (1 day of 5-minute data) a
    /// single likelihood costs ~100× a non-seasonal one, and statsforecast's seasonal
    /// AutoARIMA did not finish a 3,400-point fit in 3 minutes. Longer periods use
    /// classical decomposition + non-seasonal AutoARIMA on the adjusted series.
    public static let maxSeasonalARIMAPeriod = 24

    /// Long periods: when the seasonal strength F (classical decomposition) exceeds 0.64
    /// (forecast::nsdiffs' threshold), subtract the seasonal indices, search a non-seasonal
    /// ARIMA on the rest and add the indices back to its forecasts (forecast::stlf's
    /// approach with a moving-average decomposition); otherwise non-seasonal AutoARIMA.
    func fitDecomposed(series: RegularSeries) throws(ARIMAError) -> (model: FittedARIMA, trail: [AutoARIMACandidate]) {
        var plain = self
        plain.period = 1
        if let bad = series.values.firstIndex(where: { !$0.isFinite }) { throw .nonFiniteValue(index: bad, value: series.values[bad]) }
        guard let (indices, strength) = SeasonalStrength.decompose(series.values, period: period), strength > SeasonalStrength.differencingThreshold else {
            return try plain.fitTraced(series: series)
        }
        let profile = SeasonalProfile(values: indices, anchor: series.start, interval: series.interval, strength: strength)
        let adjusted = series.with(values: series.values.indices.map { series.values[$0] - indices[$0 % period] })
        var (fitted, trail) = try plain.fitTraced(series: adjusted)
        fitted.seasonalProfile = profile
        fitted.historyStart = series.start
        fitted.gridInterval = series.interval
        return (fitted, trail)
    }

    public func fit(_ data: FitData) throws -> FittedARIMA {
        try fit(series: data.series)
    }

    /// Regression with ARIMA errors: y_t = β z_t + η_t, orders of η by the same search
    /// (no constant), β by GLS inside every likelihood. Returns the ARIMA of η conditioned
    /// on η = y − βz, and β. `regressor` has one value per point of `series`.
    public func fit(series: RegularSeries, regressor: [Double]) throws(ARIMAError) -> (errors: FittedARIMA, coefficient: Double) {
        guard regressor.count == series.count else {
            throw .artifactMismatch("regressor has \(regressor.count) values for \(series.count) points")
        }
        if let bad = regressor.firstIndex(where: { !$0.isFinite }) { throw .nonFiniteValue(index: bad, value: regressor[bad]) }
        let x = series.values
        if let bad = x.firstIndex(where: { !$0.isFinite }) { throw .nonFiniteValue(index: bad, value: x[bad]) }
        guard x.count >= 3 else { throw .tooShort(count: x.count, needed: 3, model: "AutoARIMA") }
        var search = StepwiseARIMASearch(configuration: self, series: x)
        search.regressor = regressor
        let (spec, estimate) = try search.run()
        var summary = estimate.summary
        summary.modelsTried = search.fitted.count
        let beta = estimate.regression
        let errors = zip(x, regressor).map { $0 - beta * $1 }
        var model = try FittedARIMA(
            specification: spec, coefficients: estimate.coefficients, sigma2: estimate.sigma2,
            summary: summary, intervalLevels: intervalLevels, history: errors)
        try model.tabulateEmpiricalErrors(history: errors, interval: series.interval)
        return (model, beta)
    }

    public func fit(series: RegularSeries) throws(ARIMAError) -> FittedARIMA {
        try fitTraced(series: series).model
    }

    /// `fit(series:)`, also returning every model the search fitted in order (the search
    /// on the seasonally adjusted series for periods above `maxSeasonalARIMAPeriod`).
    public func fitTraced(series: RegularSeries) throws(ARIMAError) -> (model: FittedARIMA, trail: [AutoARIMACandidate]) {
        if period > Self.maxSeasonalARIMAPeriod {
            return try fitDecomposed(series: series)
        }
        let x = series.values
        if let bad = x.firstIndex(where: { !$0.isFinite }) { throw .nonFiniteValue(index: bad, value: x[bad]) }
        guard x.count >= 3 else { throw .tooShort(count: x.count, needed: 3, model: "AutoARIMA") }
        for level in intervalLevels where !(level > 0 && level < 1) { throw .invalidCoverage(level) }
        var search = StepwiseARIMASearch(configuration: self, series: x)
        let (spec, estimate) = try search.run()
        var summary = estimate.summary
        summary.modelsTried = search.fitted.count
        var fitted = try FittedARIMA(
            specification: spec, coefficients: estimate.coefficients, sigma2: estimate.sigma2,
            summary: summary, intervalLevels: intervalLevels, history: x)
        try fitted.tabulateEmpiricalErrors(history: x, interval: series.interval)
        return (fitted, search.trail)
    }
}
