import Foundation

/// Artifacts written before the common envelope (formats 1–2, one per family), read into
/// a `FittedModelArtifact`. They stored the fitted state only: no scaler, no
/// preprocessing, no code version, and settings only as far as the state records them
/// (the rest are the catalog's defaults). They forecast in the units their model was
/// fitted in; `upgradedFrom` keeps their format.
enum LegacyArtifacts {
    static let kinds = ["arima", "autoarima", "prophet-style", "lstm"]

    static func load(_ data: Data, kind: String, formatVersion: Int) throws(ArtifactError) -> FittedModelArtifact {
        do {
            var artifact: FittedModelArtifact
            switch kind {
            case "arima", "autoarima":
                let fitted = try ARIMAArtifact.decode(data).model
                artifact = FittedModelArtifact(
                    spec: kind == "arima" ? ModelSpec(arimaSettings(fitted)) : ModelSpec(autoARIMASettings(fitted)),
                    state: FittedState(fitted), data: FittedData(intervalSeconds: nil, count: fitted.historyCount), scaler: nil)
            case "prophet-style":
                let fitted = try ProphetArtifact.decode(data).model
                artifact = FittedModelArtifact(
                    spec: ModelSpec(prophetSettings(fitted)), state: FittedState(fitted), data: FittedData(intervalSeconds: nil), scaler: nil)
            case "lstm":
                let lstm = try LSTMArtifact.load(from: data)
                artifact = FittedModelArtifact(
                    spec: ModelSpec(lstm.configuration), state: FittedState(lstm), data: FittedData(intervalSeconds: lstm.intervalSeconds), scaler: nil)
            default:
                throw ArtifactError.unknownKind(kind, formatVersion: formatVersion, known: kinds)
            }
            artifact.codeVersion = nil
            artifact.upgradedFrom = formatVersion
            try artifact.checkConsistency()
            return artifact
        } catch let error as ArtifactError {
            throw error
        } catch {
            throw .invalid(kind: kind, formatVersion: formatVersion, reason: ArtifactLoader.describe(error))
        }
    }

    /// A fixed-order ARIMA's settings are its specification and coverages.
    static func arimaSettings(_ fitted: FittedARIMA) -> ARIMASettings {
        var settings = ARIMASettings()
        settings.specification = fitted.specification
        settings.intervalLevels = fitted.intervalLevels
        return settings
    }

    /// The search settings of an AutoARIMA were not stored: defaults, non-seasonal (the
    /// season in seconds is unknown; the chosen orders are in the state).
    static func autoARIMASettings(_ fitted: FittedARIMA) -> AutoARIMASettings {
        var settings = AutoARIMASettings()
        settings.intervalLevels = fitted.intervalLevels
        return settings
    }

    /// The Prophet-style settings the fitted model records: recent past, changepoint prior,
    /// coverages, growth and fit procedure; changepoints and seasonalities are in its design.
    static func prophetSettings(_ fitted: FittedProphetStyle) -> ProphetSettings {
        var settings = ProphetSettings(recentPast: fitted.configuration)
        settings.changepointPriorScale = fitted.changepointPriorScale
        settings.intervalLevels = fitted.intervalLevels
        settings.growth = fitted.trend.growth
        settings.fitProcedure = fitted.trend.fitProcedure
        return settings
    }
}
