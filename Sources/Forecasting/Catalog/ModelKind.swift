/// The model catalog: one case per model a user can name. Each entry has a name (the raw
/// value, used on the command line, in configs, specs and artifacts), a settings type with
/// its defaults (`defaultSpec`), and, through `ModelSpec` and `FittedState`, how it is
/// evaluated, fitted, forecast and loaded from an artifact. Adding a model means one
/// folder (its forecaster, settings and fitted state) plus one case here; the compiler
/// then lists every switch that needs it.
///
/// | kind | settings | fitted state |
/// | --- | --- | --- |
/// | naive | `NaiveSettings` | `FittedNaive` |
/// | snaive | `SeasonalNaiveSettings` | `FittedSeasonalNaive` |
/// | arima | `ARIMASettings` | `FittedARIMA` |
/// | autoarima, autoarima-daily | `AutoARIMASettings` (no season / one day) | `FittedARIMA` |
/// | prophet, prophet-ar | `ProphetSettings` (recent past none / AutoARIMA) | `FittedProphetStyle` |
/// | lstm | `LSTMConfiguration` | `LSTMArtifact` |
public enum ModelKind: String, CaseIterable, Codable, Sendable, Hashable {
    case naive
    case snaive
    case arima
    case autoarima
    case autoarimaDaily = "autoarima-daily"
    case prophet
    case prophetAR = "prophet-ar"
    case lstm

    /// The name written on the command line, in configs and in artifacts.
    public var name: String { rawValue }

    /// Every name, in the order help lists them.
    public static var names: [String] { allCases.map(\.name) }

    /// The kind called `name` (the edge: CLI flags, YAML); an unknown name is an error
    /// that lists the known ones and the closest.
    public init(name: String) throws(ModelSpecError) {
        guard let kind = ModelKind(rawValue: name) else { throw .unknownModel(name, known: Self.names) }
        self = kind
    }

    /// This model with its default settings; the defaults live in the settings types.
    public var defaultSpec: ModelSpec {
        switch self {
        case .naive: .naive
        case .snaive: .seasonalNaive(SeasonalNaiveSettings())
        case .arima: .arima(ARIMASettings())
        case .autoarima: .autoARIMA(AutoARIMASettings())
        case .autoarimaDaily: .autoARIMA(AutoARIMASettings(seasonalPeriodSeconds: 86_400))
        case .prophet: .prophet(ProphetSettings(recentPast: .none))
        case .prophetAR: .prophet(ProphetSettings(recentPast: .autoARIMA))
        case .lstm: .lstm(LSTMConfiguration())
        }
    }
}
