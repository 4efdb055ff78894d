import Foundation

/// A fitted model that can be written as a versioned artifact: it names its current
/// format version and default kind, the typed error for a version this build cannot
/// read, and the checks a decoded model must pass before it is used.
public protocol ArtifactModel: Codable, Sendable, Equatable {
    /// The `format_version` this build writes; every version in 1…this one loads.
    static var artifactFormatVersion: Int { get }
    /// The `kind` written when the caller does not name one ("arima", "prophet-style").
    static var defaultArtifactKind: String { get }
    /// The family's typed error for an artifact whose `format_version` is outside 1…current.
    static func unsupportedArtifactVersion(found: Int, supported: Int) -> any Error
    /// Throws the family's typed error when the decoded parts do not fit together.
    func checkArtifactConsistency() throws
}

/// The per-family on-disk form written before the common envelope (JSON, formats 1–2):
/// `{"format_version": v, "kind": "…", "model": {…}}`. New artifacts are
/// `FittedModelArtifact` (format 3, with settings, scaler and preprocessing);
/// `ArtifactLoader` still reads these files through this type.
///
/// Decoding reads `format_version` first and refuses a newer one with the family's
/// error before touching the model, so an old build explains instead of failing on an
/// unknown field; older versions load (docs/formats/model-artifacts.md). Doubles are written in
/// Swift's shortest round-trip form; ±∞ and NaN as the strings "inf", "-inf", "nan".
public struct ModelArtifact<Model: ArtifactModel>: Codable, Sendable, Equatable {
    public var formatVersion: Int
    public var kind: String
    public var model: Model

    enum CodingKeys: String, CodingKey {
        case formatVersion = "format_version", kind, model
    }

    /// Version written by this build; versions ≤ this one load.
    public static var currentFormatVersion: Int { Model.artifactFormatVersion }

    public init(model: Model, kind: String = Model.defaultArtifactKind) {
        formatVersion = Model.artifactFormatVersion
        self.kind = kind
        self.model = model
    }

    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try encoder.encode(self)
    }

    /// Decodes and checks an artifact; throws the family's unsupported-version error for a
    /// newer format and its consistency error when the parts do not fit together.
    public static func decode(_ data: Data) throws -> Self {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let version = try decoder.decode(ArtifactVersionProbe.self, from: data).formatVersion
        guard version >= 1, version <= currentFormatVersion else {
            throw Model.unsupportedArtifactVersion(found: version, supported: currentFormatVersion)
        }
        let artifact = try decoder.decode(Self.self, from: data)
        try artifact.model.checkArtifactConsistency()
        return artifact
    }
}

/// Just the `format_version` of an artifact, read before the model.
private struct ArtifactVersionProbe: Decodable {
    var formatVersion: Int
    enum CodingKeys: String, CodingKey { case formatVersion = "format_version" }
}
