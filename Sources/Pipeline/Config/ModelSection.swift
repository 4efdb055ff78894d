/// `model:` — which forecaster and its hyperparameters. Defaults are the reference
/// design of EVALUATION.md §7 (2-layer bidirectional LSTM, hidden 128, dropout 0.3).
public struct ModelSection: Sendable, Equatable {
    public var modelType: ModelType
    /// LSTM hidden units per direction.
    public var hiddenSize: Int
    public var numLayers: Int
    /// Dropout probability between LSTM layers and in the heads, in [0, 1).
    public var dropout: Double
    public var bidirectional: Bool
    public var arima: ArimaSection
    public var prophet: ProphetSection
    public var ensemble: EnsembleSection

    public init(
        modelType: ModelType = .lstm, hiddenSize: Int = 128, numLayers: Int = 2, dropout: Double = 0.3,
        bidirectional: Bool = true, arima: ArimaSection = ArimaSection(), prophet: ProphetSection = ProphetSection(),
        ensemble: EnsembleSection = EnsembleSection()
    ) {
        self.modelType = modelType
        self.hiddenSize = hiddenSize
        self.numLayers = numLayers
        self.dropout = dropout
        self.bidirectional = bidirectional
        self.arima = arima
        self.prophet = prophet
        self.ensemble = ensemble
    }

    public static let defaults = ModelSection()

    enum Key: String, CaseIterable {
        case modelType = "model_type", hiddenSize = "hidden_size", numLayers = "num_layers", dropout, bidirectional
        case arima, prophet, ensemble
    }

    init(decoding m: ConfigMapping<Key>) throws(ConfigError) {
        let d = Self.defaults
        modelType = try m.choice(.modelType, default: d.modelType).value
        hiddenSize = try m.int(.hiddenSize, default: d.hiddenSize).requiring({ $0 >= 1 }, "use at least 1 hidden unit")
        numLayers = try m.int(.numLayers, default: d.numLayers).requiring({ $0 >= 1 }, "use at least 1 layer")
        dropout = try m.double(.dropout, default: d.dropout)
            .requiring({ $0 >= 0 && $0 < 1 }, "use a dropout probability in [0, 1), e.g. 0.3")
        bidirectional = try m.bool(.bidirectional, default: d.bidirectional).value
        arima = try ArimaSection(decoding: m.section(.arima, keys: ArimaSection.Key.self))
        prophet = try ProphetSection(decoding: m.section(.prophet, keys: ProphetSection.Key.self))
        ensemble = try EnsembleSection(decoding: m.section(.ensemble, keys: EnsembleSection.Key.self))
    }
}

/// `model.arima:` — orders for `model_type: arima` (autoarima searches its own).
public struct ArimaSection: Sendable, Equatable {
    public var p: Int
    public var d: Int
    public var q: Int
    public var seasonal: Bool

    public init(p: Int = 1, d: Int = 1, q: Int = 1, seasonal: Bool = false) {
        self.p = p
        self.d = d
        self.q = q
        self.seasonal = seasonal
    }

    public static let defaults = ArimaSection()

    enum Key: String, CaseIterable { case p, d, q, seasonal }

    init(decoding m: ConfigMapping<Key>) throws(ConfigError) {
        let defaults = Self.defaults
        p = try m.int(.p, default: defaults.p).requiring({ $0 >= 0 }, "use an order ≥ 0")
        d = try m.int(.d, default: defaults.d).requiring({ $0 >= 0 && $0 <= 2 }, "use a differencing order of 0, 1 or 2")
        q = try m.int(.q, default: defaults.q).requiring({ $0 >= 0 }, "use an order ≥ 0")
        seasonal = try m.bool(.seasonal, default: defaults.seasonal).value
    }
}

/// `model.prophet:` — the Prophet-style additive model (EVALUATION.md §7 defaults:
/// 25 changepoints in the first 80 %, prior scales 0.05 and 10, daily and weekly terms).
public struct ProphetSection: Sendable, Equatable {
    public var changepointPriorScale: Double
    public var seasonalityPriorScale: Double
    public var changepoints: Int
    /// Fraction of the history in which changepoints are placed, in (0, 1].
    public var changepointRange: Double
    public var daily: Bool
    public var weekly: Bool
    /// Kept from the original Python design: also condition the forecast on the most
    /// recent observations; the Prophet-style model in Forecasting decides how.
    public var recentPast: Bool

    public init(
        changepointPriorScale: Double = 0.05, seasonalityPriorScale: Double = 10, changepoints: Int = 25,
        changepointRange: Double = 0.8, daily: Bool = true, weekly: Bool = true, recentPast: Bool = true
    ) {
        self.changepointPriorScale = changepointPriorScale
        self.seasonalityPriorScale = seasonalityPriorScale
        self.changepoints = changepoints
        self.changepointRange = changepointRange
        self.daily = daily
        self.weekly = weekly
        self.recentPast = recentPast
    }

    public static let defaults = ProphetSection()

    enum Key: String, CaseIterable {
        case changepointPriorScale = "changepoint_prior_scale", seasonalityPriorScale = "seasonality_prior_scale"
        case changepoints, changepointRange = "changepoint_range", daily, weekly, recentPast = "recent_past"
    }

    init(decoding m: ConfigMapping<Key>) throws(ConfigError) {
        let d = Self.defaults
        changepointPriorScale = try m.double(.changepointPriorScale, default: d.changepointPriorScale)
            .requiring({ $0 > 0 }, "use a positive prior scale, e.g. 0.05")
        seasonalityPriorScale = try m.double(.seasonalityPriorScale, default: d.seasonalityPriorScale)
            .requiring({ $0 > 0 }, "use a positive prior scale, e.g. 10")
        changepoints = try m.int(.changepoints, default: d.changepoints).requiring({ $0 >= 0 }, "use 0 or more changepoints")
        changepointRange = try m.double(.changepointRange, default: d.changepointRange)
            .requiring({ $0 > 0 && $0 <= 1 }, "use a fraction in (0, 1], e.g. 0.8")
        daily = try m.bool(.daily, default: d.daily).value
        weekly = try m.bool(.weekly, default: d.weekly).value
        recentPast = try m.bool(.recentPast, default: d.recentPast).value
    }
}
