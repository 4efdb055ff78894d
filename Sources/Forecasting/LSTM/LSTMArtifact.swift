import Foundation

/// A fitted LSTM as a versioned, self-describing Codable value: configuration,
/// architecture, the model's level normalisation ("scaler"), the feature spec (inside
/// the configuration) and θ as base64 of little-endian Float32 (exact round trip).
///
/// Format history: 1 — first version; 2 — adds `calibration` (interval residual quantiles
/// on validation, `ResidualCalibration`; absent in version 1, whose models give no
/// intervals until fitted again); 3 — adds `quantileHeads` (`LSTMQuantileLayout`, key
/// `quantile_heads`: the heads output quantile paths besides the point path, trained with
/// the pinball loss; absent for point-only heads, as in versions 1 and 2, which load and
/// forecast as before). Newer versions must keep loading versions 1 and 2. It is
/// the LSTM's fitted state inside the common envelope (`FittedModelArtifact`, format 3)
/// and the form of checkpoints; a standalone file loads through `ArtifactLoader` too.
public struct LSTMArtifact: Codable, Sendable, Equatable {
    public static let formatVersion = 3
    public static let kind = "lstm"

    public struct TrainingRecord: Codable, Sendable, Equatable {
        public var bestEpoch: Int
        public var epochsRun: Int
        public var bestValidationLoss: Double
        /// True when the `maxMinutes` budget stopped training; nil otherwise.
        public var stoppedOnBudget: Bool?

        public init(bestEpoch: Int, epochsRun: Int, bestValidationLoss: Double, stoppedOnBudget: Bool? = nil) {
            self.bestEpoch = bestEpoch
            self.epochsRun = epochsRun
            self.bestValidationLoss = bestValidationLoss
            self.stoppedOnBudget = stoppedOnBudget
        }
    }

    public var formatVersion: Int
    public var kind: String
    public var configuration: LSTMConfiguration
    public var architecture: LSTMArchitecture
    public var normalization: LevelNormalization
    public var intervalSeconds: Double
    /// Tensor names and shapes in θ order, for checking and for readers in other languages.
    public var tensors: [TensorRecord]
    public var parameters: [Float]
    public var training: TrainingRecord?
    /// Per head and point output, the validation-fitted factor toward the last value
    /// (`LSTMInference.shrinkageFactors`); nil = 1 everywhere. Quantile outputs are not shrunk.
    public var shrinkage: [[Double]]?
    /// Residual quantiles of the trained network on the validation part (format 2); nil
    /// in version 1 or when fitted without a validation part.
    public var calibration: ResidualCalibration?
    /// The quantile outputs of every head (format 3, `quantile` intervals); nil when the
    /// heads output the point path only.
    public var quantileHeads: LSTMQuantileLayout?

    public struct TensorRecord: Codable, Sendable, Equatable {
        public var name: String
        public var shape: [Int]
    }

    public init(configuration: LSTMConfiguration, architecture: LSTMArchitecture, normalization: LevelNormalization,
                intervalSeconds: Double, parameters: [Float], training: TrainingRecord? = nil, shrinkage: [[Double]]? = nil,
                calibration: ResidualCalibration? = nil, quantileHeads: LSTMQuantileLayout? = nil) {
        formatVersion = Self.formatVersion
        kind = Self.kind
        self.configuration = configuration
        self.architecture = architecture
        self.normalization = normalization
        self.intervalSeconds = intervalSeconds
        tensors = ParameterLayout(architecture).tensors.map { TensorRecord(name: $0.name, shape: $0.shape) }
        self.parameters = parameters
        self.training = training
        self.shrinkage = shrinkage
        self.calibration = calibration
        self.quantileHeads = quantileHeads
    }

    enum CodingKeys: String, CodingKey {
        case formatVersion = "format_version", kind, configuration, architecture, normalization
        case intervalSeconds = "interval_seconds", tensors, parameters, training, shrinkage, calibration
        case quantileHeads = "quantile_heads"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        formatVersion = try c.decode(Int.self, forKey: .formatVersion)
        guard formatVersion <= Self.formatVersion else {
            throw LSTMError.unsupportedArtifactVersion(found: formatVersion, supported: Self.formatVersion)
        }
        kind = try c.decode(String.self, forKey: .kind)
        guard kind == Self.kind else { throw LSTMError.artifactMismatch(field: "kind", expected: Self.kind, got: kind) }
        configuration = try c.decode(LSTMConfiguration.self, forKey: .configuration)
        architecture = try c.decode(LSTMArchitecture.self, forKey: .architecture)
        normalization = try c.decode(LevelNormalization.self, forKey: .normalization)
        intervalSeconds = try c.decode(Double.self, forKey: .intervalSeconds)
        tensors = try c.decode([TensorRecord].self, forKey: .tensors)
        training = try c.decodeIfPresent(TrainingRecord.self, forKey: .training)
        shrinkage = try c.decodeIfPresent([[Double]].self, forKey: .shrinkage)
        calibration = try c.decodeIfPresent(ResidualCalibration.self, forKey: .calibration)
        try calibration?.check()
        quantileHeads = try c.decodeIfPresent(LSTMQuantileLayout.self, forKey: .quantileHeads)
        try quantileHeads?.check(headOutputs: architecture.headOutputs)
        let encoded = try c.decode(String.self, forKey: .parameters)
        guard let decoded = Float32Base64.decode(encoded) else {
            throw LSTMError.artifactMismatch(field: "parameters", expected: "base64 of Float32 values", got: "\(encoded.prefix(16))…")
        }
        parameters = decoded
        let expected = ParameterLayout(architecture)
        let names = expected.tensors.map(\.name), shapes = expected.tensors.map(\.shape)
        guard tensors.map(\.name) == names, tensors.map(\.shape) == shapes else {
            throw LSTMError.artifactMismatch(field: "tensors", expected: "\(names.count) tensors of the stated architecture", got: "\(tensors.count)")
        }
        guard parameters.count == expected.count else {
            throw LSTMError.parameterCountMismatch(expected: expected.count, got: parameters.count)
        }
        let pointOutputs = architecture.headOutputs.map { $0 / (quantileHeads?.outputsPerStep ?? 1) }
        if let shrinkage, shrinkage.map(\.count) != pointOutputs {
            throw LSTMError.artifactMismatch(field: "shrinkage", expected: "one factor per point output of each head \(pointOutputs)",
                                             got: "\(shrinkage.map(\.count))")
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(formatVersion, forKey: .formatVersion)
        try c.encode(kind, forKey: .kind)
        try c.encode(configuration, forKey: .configuration)
        try c.encode(architecture, forKey: .architecture)
        try c.encode(normalization, forKey: .normalization)
        try c.encode(intervalSeconds, forKey: .intervalSeconds)
        try c.encode(tensors, forKey: .tensors)
        try c.encodeIfPresent(training, forKey: .training)
        try c.encodeIfPresent(shrinkage, forKey: .shrinkage)
        try c.encodeIfPresent(calibration, forKey: .calibration)
        try c.encodeIfPresent(quantileHeads, forKey: .quantileHeads)
        try c.encode(Float32Base64.encode(parameters), forKey: .parameters)
    }

    /// JSON bytes (sorted keys, so equal artifacts give equal bytes).
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(self)
    }

    public static func load(from data: Data) throws -> LSTMArtifact {
        try JSONDecoder().decode(LSTMArtifact.self, from: data)
    }
}
