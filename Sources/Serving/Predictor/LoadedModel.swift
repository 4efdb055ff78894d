import Forecasting
import Tracking

/// One registered version, verified and decoded once.
public struct LoadedModel: Sendable {
    public let reference: ModelReference
    public let version: Int64
    public let run: String
    public let sha256: String
    public let artifact: FittedModelArtifact
    /// Raw points the model must be conditioned on (`HistoryRequirement`).
    public let minimumPoints: Int

    public init(reference: ModelReference, version: Int64, run: String, sha256: String, artifact: FittedModelArtifact) throws {
        self.reference = reference
        self.version = version
        self.run = run
        self.sha256 = sha256
        self.artifact = artifact
        minimumPoints = try HistoryRequirement.minimumRawPoints(artifact)
    }

    /// Grid step D in seconds the model was trained on (nil for old artifacts without it).
    public var intervalSeconds: Double? { artifact.data.intervalSeconds }
}

/// How many raw grid points a model needs before it can forecast:
///
///     naive 1, snaive m (the season in steps), ARIMA d + D·s + 1 (the differencing's
///     memory plus one value), Prophet-style 1 (+ its residual ARIMA's), LSTM the window
///     W (steps of its input window),
///
/// plus one point for counters (the rate stage turns n cumulative values into n − 1 rates).
public enum HistoryRequirement {
    /// Throws when the LSTM's window does not fit its grid (the artifact cannot forecast).
    public static func minimumRawPoints(_ artifact: FittedModelArtifact) throws -> Int {
        let counter = artifact.preprocessing?.spec.input == .counter ? 1 : 0
        return try modelPoints(artifact) + counter
    }

    static func modelPoints(_ artifact: FittedModelArtifact) throws -> Int {
        switch artifact.state.value {
        case let arima as FittedARIMA:
            return arimaPoints(arima)
        case let seasonal as FittedSeasonalNaive:
            return seasonal.period
        case let prophet as FittedProphetStyle:
            return prophet.residualModel.map(arimaPoints) ?? 1
        case let lstm as LSTMArtifact:
            return try lstm.configuration.steps(interval: lstm.intervalSeconds).window
        default:
            return 1
        }
    }

    static func arimaPoints(_ arima: FittedARIMA) -> Int {
        let spec = arima.specification
        return spec.order.d + spec.seasonal.d * spec.seasonal.period + 1
    }
}
