import Foundation
import Series

/// A fitted N-HiTS model as a versioned, Codable value: the settings as fitted (with
/// the context's horizons), the architecture, the grid step, the train scaler of
/// `robustTrain` (nil for the other scalings), the M member networks' θ one after the other
/// as base64 of little-endian Float32 (exact round trip; M × the layout's count values) with
/// the tensor names and shapes of one member, and the training records.
///
/// Format history: 1 — first version, one network; 2 — `members` (M networks whose outputs
/// are averaged; absent in version 1, which reads as M = 1) and `member_training`. It is the
/// `nhits` kind's `state` inside the common envelope (`FittedModelArtifact`, format 3;
/// docs/formats/model-artifacts.md).
public struct NHITSState: Codable, Sendable, Equatable {
    public static let formatVersion = 2

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
    /// M, the networks whose outputs are averaged.
    public var members: Int
    /// θ of member 0, then member 1, …: M × `NHITSParameterLayout(architecture).count` values.
    public var parameters: [Float]
    /// The record of member 0.
    public var training: TrainingRecord?
    /// Every member's record when M > 1.
    public var memberTraining: [TrainingRecord]?

    public init(settings: NHITSSettings, architecture: NHITSArchitecture, intervalSeconds: Double, trainScaler: RobustScaler?,
                members: Int = 1, parameters: [Float], training: TrainingRecord?, memberTraining: [TrainingRecord]? = nil) {
        formatVersion = Self.formatVersion
        self.members = members
        self.memberTraining = memberTraining
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
        case trainScaler = "train_scaler", tensors, members, parameters, training, memberTraining = "member_training"
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
        memberTraining = try c.decodeIfPresent([TrainingRecord].self, forKey: .memberTraining)
        members = try c.decodeIfPresent(Int.self, forKey: .members) ?? 1
        guard members >= 1 else { throw NHITSError.artifactMismatch(field: "members", expected: "at least 1 network", got: "\(members)") }
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
        guard parameters.count == members * expected.count else {
            throw NHITSError.artifactMismatch(field: "parameters", expected: "\(members) × \(expected.count) values", got: "\(parameters.count)")
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
        try c.encodeIfPresent(memberTraining, forKey: .memberTraining)
        try c.encode(members, forKey: .members)
        try c.encode(Float32Base64.encode(parameters), forKey: .parameters)
    }
}
