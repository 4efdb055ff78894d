import Foundation
import Series

/// Everything needed to forecast from raw series values, for every model of the catalog
/// (format 3, the common envelope; formats 1–2 were per family and still load through
/// `ArtifactLoader`):
///
///     {"format_version": 3, "kind": "arima", "code_version": "0.1.0",
///      "settings": {…},            the kind's settings (`ModelSpec`)
///      "data": {…},                grid step, first timestamp, points and train points fitted on
///      "preprocessing": {…}?,      counter → rate, unit scale, clip bounds fitted on train, transform
///      "scaler": {offset, divisor}?,   min-max fitted on train: s = (v − offset) / divisor
///      "features": {…}?,           the LSTM's feature spec (nil for models without features)
///      "state": {…}}               the fitted state (`FittedState`), in scaled units
///
/// A raw history x goes through grid → preprocessing → scaler → the fitted model → the
/// scaler's inverse → the preprocessing's inverse (`forecast(rawHistory:steps:)`).
/// Missing preprocessing or scaler means identity (artifacts of formats 1–2, which did not
/// store them, forecast in the units their model was fitted in).
public struct FittedModelArtifact: Sendable, Equatable {
    /// The format this build writes; formats 1…this one load.
    public static let formatVersion = 3

    public var formatVersion: Int
    /// The model and its settings; `spec.kind` is the catalog entry.
    public var spec: ModelSpec
    /// `CodeVersion.current` of the build that fitted it; nil for formats 1–2.
    public var codeVersion: String?
    public var data: FittedData
    public var preprocessing: FittedPreprocessor?
    public var scaler: MinMaxScaler?
    public var state: FittedState
    /// The family format (1 or 2) this value was read from; nil when written as format 3.
    public var upgradedFrom: Int?

    public var kind: ModelKind { spec.kind }

    /// The LSTM's feature spec; nil for models that take no features.
    public var features: LSTMFeatureSpec? {
        (state.value as? LSTMArtifact)?.configuration.features
    }

    public init(
        spec: ModelSpec, state: FittedState, data: FittedData, scaler: MinMaxScaler?, preprocessing: FittedPreprocessor? = nil,
        codeVersion: String = CodeVersion.current
    ) {
        formatVersion = Self.formatVersion
        self.spec = spec
        self.codeVersion = codeVersion
        self.data = data
        self.preprocessing = preprocessing
        self.scaler = scaler
        self.state = state
        upgradedFrom = nil
    }

    /// JSON bytes (sorted keys, so equal artifacts give equal bytes). Doubles in Swift's
    /// shortest round-trip form; ±∞ and NaN as "inf", "-inf", "nan".
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try encoder.encode(self)
    }
}

/// The series a model was fitted on: its grid and extent. Fields are nil where an
/// artifact of format 1–2 did not record them.
public struct FittedData: Codable, Sendable, Equatable {
    /// Grid step D in seconds.
    public var intervalSeconds: Double?
    /// Timestamp of the first grid point (epoch seconds).
    public var start: Double?
    /// Grid points fitted on (train + validation), and how many of them were train.
    public var count: Int?
    public var trainCount: Int?

    public init(intervalSeconds: Double?, start: Double? = nil, count: Int? = nil, trainCount: Int? = nil) {
        self.intervalSeconds = intervalSeconds
        self.start = start
        self.count = count
        self.trainCount = trainCount
    }

    /// The extent of `series` (raw grid) with its first `trainCount` points as train.
    public init(series: RegularSeries, trainCount: Int) {
        self.init(intervalSeconds: series.interval, start: series.start, count: series.count, trainCount: trainCount)
    }

    enum CodingKeys: String, CodingKey {
        case intervalSeconds = "interval_seconds", start, count, trainCount = "train_count"
    }
}
