import Forecasting
import Tracking

/// One registered version, verified and decoded once.
public struct LoadedModel: Sendable {
    public let reference: ModelReference
    public let version: Int64
    public let run: String
    public let sha256: String
    public let artifact: FittedModelArtifact

    /// Grid step D in seconds the model was trained on (nil for old artifacts without it).
    public var intervalSeconds: Double? { artifact.data.intervalSeconds }

    /// Raw points the model must be conditioned on (`HistoryRequirement`).
    public var minimumPoints: Int { HistoryRequirement.minimumRawPoints(artifact) }
}

/// How many raw grid points a model needs before it can forecast:
///
///     naive 1, snaive m (the season in steps), ARIMA d + D·s + 1 (the differencing's
///     memory plus one value), Prophet-style 1 (+ its residual ARIMA's), LSTM the window
///     W (steps of its input window),
///
/// plus one point for counters (the rate stage turns n cumulative values into n − 1 rates).
public enum HistoryRequirement {
    public static func minimumRawPoints(_ artifact: FittedModelArtifact) -> Int {
        let counter = artifact.preprocessing?.spec.input == .counter ? 1 : 0
        return modelPoints(artifact) + counter
    }

    static func modelPoints(_ artifact: FittedModelArtifact) -> Int {
        switch artifact.state.value {
        case let arima as FittedARIMA:
            return arimaPoints(arima)
        case let seasonal as FittedSeasonalNaive:
            return seasonal.period
        case let prophet as FittedProphetStyle:
            return prophet.residualModel.map(arimaPoints) ?? 1
        case let lstm as LSTMArtifact:
            return (try? lstm.configuration.steps(interval: lstm.intervalSeconds).window) ?? 1
        default:
            return 1
        }
    }

    static func arimaPoints(_ arima: FittedARIMA) -> Int {
        let spec = arima.specification
        return spec.order.d + spec.seasonal.d * spec.seasonal.period + 1
    }
}
