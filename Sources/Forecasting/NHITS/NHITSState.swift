import Foundation
import Series

/// A fitted N-HiTS network as a versioned, Codable value: the settings as fitted (with
/// the context's horizons), the architecture, the grid step, the train scaler of
/// `robustTrain` (nil for the other scalings), θ as base64 of little-endian Float32 (exact
/// round trip) with its tensor names and shapes, and the training record.
///
/// Format history: 1 — first version. It is the `nhits` kind's `state` inside the common
/// envelope (`FittedModelArtifact`, format 3; docs/formats/model-artifacts.md).
public struct NHITSState: Codable, Sendable, Equatable {
    public static let formatVersion = 1

    public struct TrainingRecord: Codable, Sendable, Equatable {
        /// Optimiser step of the kept weights (the best validation check).
        public var bestStep: Int
        public var stepsRun: Int
        /// Validation MAE (model units, point output) of the kept weights.
        public var bestValidationLoss: Double
        public var stoppedOnBudget: Bool?
    }

    public struct TensorRecord: Codable, Sendable, Equatable {
        public var name: String
        public var shape: [Int]
    }

    public var formatVersion: Int
    public var settings: NHITSSettings
    public var architecture: NHITSArchitecture
    public var intervalSeconds: Double
    public var trainScaler: RobustScaler?
    public var tensors: [TensorRecord]
    public var parameters: [Float]
    public var training: TrainingRecord?

    public init(settings: NHITSSettings, architecture: NHITSArchitecture, intervalSeconds: Double, trainScaler: RobustScaler?,
                parameters: [Float], training: TrainingRecord?) {
        formatVersion = Self.formatVersion
        self.settings = settings
        self.architecture = architecture
        self.intervalSeconds = intervalSeconds
        self.trainScaler = trainScaler
        tensors = NHITSParameterLayout(architecture).tensors.map { TensorRecord(name: $0.name, shape: $0.shape) }
        self.parameters = parameters
        self.training = training
    }

    enum CodingKeys: String, CodingKey {
        case formatVersion = "format_version", settings, architecture, intervalSeconds = "interval_seconds"
        case trainScaler = "train_scaler", tensors, parameters, training
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        formatVersion = try c.decode(Int.self, forKey: .formatVersion)
        guard formatVersion <= Self.formatVersion else {
            throw NHITSError.unsupportedStateVersion(found: formatVersion, supported: Self.formatVersion)
        }
        settings = try c.decode(NHITSSettings.self, forKey: .settings)
        architecture = try c.decode(NHITSArchitecture.self, forKey: .architecture)
        intervalSeconds = try c.decode(Double.self, forKey: .intervalSeconds)
        trainScaler = try c.decodeIfPresent(RobustScaler.self, forKey: .trainScaler)
        tensors = try c.decode([TensorRecord].self, forKey: .tensors)
        training = try c.decodeIfPresent(TrainingRecord.self, forKey: .training)
        let encoded = try c.decode(String.self, forKey: .parameters)
        guard let decoded = Float32Base64.decode(encoded) else {
            throw NHITSError.artifactMismatch(field: "parameters", expected: "base64 of Float32 values", got: "\(encoded.prefix(16))…")
        }
        parameters = decoded
        let expected = NHITSParameterLayout(architecture)
        guard tensors.map(\.name) == expected.tensors.map(\.name), tensors.map(\.shape) == expected.tensors.map(\.shape) else {
            throw NHITSError.artifactMismatch(field: "tensors", expected: "\(expected.tensors.count) tensors of the stated architecture",
                                              got: "\(tensors.count) tensors")
        }
        guard parameters.count == expected.count else {
            throw NHITSError.artifactMismatch(field: "parameters", expected: "\(expected.count) values", got: "\(parameters.count)")
        }
        if settings.scaling == .robustTrain, trainScaler == nil {
            throw NHITSError.artifactMismatch(field: "train_scaler", expected: "the train median and IQR for robust_train scaling", got: "nothing")
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(formatVersion, forKey: .formatVersion)
        try c.encode(settings, forKey: .settings)
        try c.encode(architecture, forKey: .architecture)
        try c.encode(intervalSeconds, forKey: .intervalSeconds)
        try c.encodeIfPresent(trainScaler, forKey: .trainScaler)
        try c.encode(tensors, forKey: .tensors)
        try c.encodeIfPresent(training, forKey: .training)
        try c.encode(Float32Base64.encode(parameters), forKey: .parameters)
    }
}
