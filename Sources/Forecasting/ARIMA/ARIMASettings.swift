import Series

/// Settings of a fixed-order ARIMA(p,d,q)(P,D,Q)_s: the orders, the constant and the
/// interval coverages. The defaults are `ARIMA()`'s (one place); the optimiser is not a
/// setting (the fit always uses `ARIMA`'s default L-BFGS).
public struct ARIMASettings: Codable, Hashable, Sendable {
    public var specification: ARIMASpecification
    /// Central coverages of the prediction intervals, each in (0, 1).
    public var intervalLevels: [Double]

    /// The settings of `model` (by default `ARIMA()`'s).
    public init(_ model: ARIMA = ARIMA()) {
        specification = model.specification
        intervalLevels = model.intervalLevels
    }

    public init(order: ARIMAOrder, seasonal: SeasonalOrder = .none, includeConstant: Bool = false) {
        self.init()
        specification = ARIMASpecification(order: order, seasonal: seasonal, includeConstant: includeConstant)
    }

    /// The forecaster these settings describe.
    public var model: ARIMA {
        var model = ARIMA(intervalLevels: intervalLevels)
        model.specification = specification
        return model
    }
}

/// Settings of the Hyndman–Khandakar order search (`AutoARIMA`), with the season given
/// in seconds (`seasonalPeriodSeconds`, e.g. one day; nil searches non-seasonal orders)
/// and turned into grid steps when the model sees a series. Defaults are `AutoARIMA()`'s.
public struct AutoARIMASettings: Codable, Hashable, Sendable {
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
    public var fixedD: Int?
    public var alpha: Double
    public var maxModels: Int
    public var approximation: Bool?
    public var intervalLevels: [Double]
    public var seasonalPeriodSeconds: Double?

    /// The settings of `model` (by default `AutoARIMA()`'s) with a season of
    /// `seasonalPeriodSeconds`; `model.period` is replaced by that season.
    public init(_ model: AutoARIMA = AutoARIMA(), seasonalPeriodSeconds: Double? = nil) {
        maxP = model.maxP; maxQ = model.maxQ
        maxSeasonalP = model.maxSeasonalP; maxSeasonalQ = model.maxSeasonalQ
        maxD = model.maxD; maxSeasonalD = model.maxSeasonalD
        startP = model.startP; startQ = model.startQ
        startSeasonalP = model.startSeasonalP; startSeasonalQ = model.startSeasonalQ
        fixedD = model.fixedD
        alpha = model.alpha
        maxModels = model.maxModels
        approximation = model.approximation
        intervalLevels = model.intervalLevels
        self.seasonalPeriodSeconds = seasonalPeriodSeconds
    }

    /// The forecaster for a grid of `interval` seconds: period m = seasonalPeriodSeconds / D
    /// steps (1 without a season), which must be a whole number.
    public func model(interval: Double, name: String) throws(ForecastingError) -> AutoARIMA {
        let period = try seasonalPeriodSeconds.map { seconds throws(ForecastingError) in
            try ModelSpec.steps(seconds, interval: interval, model: name)
        } ?? 1
        return AutoARIMA(
            period: period, maxP: maxP, maxQ: maxQ, maxSeasonalP: maxSeasonalP, maxSeasonalQ: maxSeasonalQ,
            maxD: maxD, maxSeasonalD: maxSeasonalD, startP: startP, startQ: startQ,
            startSeasonalP: startSeasonalP, startSeasonalQ: startSeasonalQ, alpha: alpha, maxModels: maxModels,
            approximation: approximation, fixedD: fixedD, intervalLevels: intervalLevels)
    }
}
