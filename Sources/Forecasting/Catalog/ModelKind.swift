/// The model catalog: one case per model a user can name. Each entry has a name (the raw
/// value, used on the command line, in configs, specs and artifacts) and default settings
/// (`defaultSettings`), whose type is the entry's settings type and whose `Model` (a
/// `CatalogModel` in the family's folder) says how it is fitted, evaluated, forecast and
/// which state its artifact stores. Adding a model means one folder (forecaster, settings,
/// `CatalogModel`, fitted state) plus one case here and its line in `defaultSettings`.
///
/// | kind | settings | catalog model | fitted state |
/// | --- | --- | --- | --- |
/// | naive | `NaiveSettings` | `NaiveModel` | `FittedNaive` |
/// | snaive | `SeasonalNaiveSettings` | `SeasonalNaiveModel` | `FittedSeasonalNaive` |
/// | arima | `ARIMASettings` | `ARIMAModel` | `FittedARIMA` |
/// | autoarima, autoarima-daily | `AutoARIMASettings` (no season / one day) | `AutoARIMAModel` | `FittedARIMA` |
/// | prophet, prophet-ar | `ProphetSettings` (recent past none / AutoARIMA) | `ProphetModel` | `FittedProphetStyle` |
/// | lstm | `LSTMConfiguration` | `LSTMModel` | `LSTMArtifact` |
/// | nhits | `NHITSSettings` | `NHITSModel` | `NHITSState` |
/// | gbt | `GBTSettings` | `GBTModel` | `GBTState` |
/// | ensemble | `EnsembleSettings` (members, combine) | `EnsembleModel` | `EnsembleState` |
public enum ModelKind: String, CaseIterable, Codable, Sendable, Hashable {
    case naive
    case snaive
    case arima
    case autoarima
    case autoarimaDaily = "autoarima-daily"
    case prophet
    case prophetAR = "prophet-ar"
    case lstm
    case nhits
    case gbt
    case ensemble

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

    /// This entry's default settings (the defaults live in the settings types).
    public var defaultSettings: any ModelSettings {
        switch self {
        case .naive: NaiveSettings()
        case .snaive: SeasonalNaiveSettings()
        case .arima: ARIMASettings()
        case .autoarima: AutoARIMASettings()
        case .autoarimaDaily: AutoARIMASettings(seasonalPeriodSeconds: 86_400)
        case .prophet: ProphetSettings(recentPast: .none)
        case .prophetAR: ProphetSettings(recentPast: .autoARIMA)
        case .lstm: LSTMConfiguration()
        case .nhits: NHITSSettings()
        case .gbt: GBTSettings()
        case .ensemble: EnsembleSettings()
        }
    }

    /// Whether the family can be trained once across many series (`GlobalForecaster`):
    /// `ModelSpec.evaluateGlobal` and `--global`.
    public var offersGlobalTraining: Bool {
        switch self {
        case .lstm, .nhits, .gbt: true
        default: false
        }
    }

    /// The names of the families that offer global training, in catalog order (for errors and help).
    public static var globalTrainingNames: [String] { allCases.filter(\.offersGlobalTraining).map(\.name) }

    /// This model with its default settings.
    public var defaultSpec: ModelSpec { ModelSpec(kind: self) }
}
