import Series

/// A model of the catalog with its typed settings: built from a `ModelKind` (its
/// defaults) and then adjusted field by field, decoded once at the edge (CLI flags and
/// per-metric configs in `Pipeline.ConfiguredModel`, JSON through `Codable`), so nothing
/// deeper passes model names around as strings. A value: Codable, Hashable, Sendable;
/// training hooks are passed to `evaluate` / `fit`, never stored here.
///
/// The kind follows from the case and its settings (`kind`): an AutoARIMA with a season
/// is `autoarima-daily`, a Prophet-style model with the recent-past residual model is
/// `prophet-ar`.
public enum ModelSpec: Sendable, Hashable {
    case naive
    case seasonalNaive(SeasonalNaiveSettings)
    case arima(ARIMASettings)
    /// Hyndman–Khandakar order search; `seasonalPeriodSeconds` (e.g. one day) is turned
    /// into steps of the series' grid, nil searches non-seasonal orders only.
    case autoARIMA(AutoARIMASettings)
    /// The Prophet-style additive model, with or without the recent-past residual model.
    case prophet(ProphetSettings)
    /// The LSTM; its horizons are taken from the evaluation plan when evaluated.
    case lstm(LSTMConfiguration)

    /// The names accepted on the command line, in the order they are listed in help.
    public static var names: [String] { ModelKind.names }

    /// The model of `kind` with its default settings.
    public init(kind: ModelKind) {
        self = kind.defaultSpec
    }

    /// The spec for `name` with default settings (the edge; deeper code uses `init(kind:)`).
    public init(name: String) throws(ModelSpecError) {
        self.init(kind: try ModelKind(name: name))
    }

    /// The catalog entry this spec belongs to.
    public var kind: ModelKind {
        switch self {
        case .naive: .naive
        case .seasonalNaive: .snaive
        case .arima: .arima
        case .autoARIMA(let settings): settings.seasonalPeriodSeconds == nil ? .autoarima : .autoarimaDaily
        case .prophet(let settings): settings.recentPast == .none ? .prophet : .prophetAR
        case .lstm: .lstm
        }
    }

    public var name: String { kind.name }
}

extension ModelSpec {
    /// A season of `seconds` in whole grid steps: m = seconds / D, which must be a whole
    /// number ≥ 1 (to 1e-9 relative).
    static func steps(_ seconds: Double, interval: Double, model: String) throws(ForecastingError) -> Int {
        let exact = seconds / interval
        let steps = Int(exact.rounded())
        guard steps >= 1, abs(exact - Double(steps)) < 1e-9 * exact else {
            throw .seasonNotMultipleOfInterval(model: model, periodSeconds: seconds, intervalSeconds: interval)
        }
        return steps
    }
}
