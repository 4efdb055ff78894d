import Foundation

/// The on-disk form of a fitted Prophet-style model (JSON):
/// `{"format_version": 1, "kind": "prophet-style", "model": {…}}`. The model carries the
/// design (start, time scale, changepoints, seasonalities), θ, σ, the y scale, β, the
/// conditioned residual ARIMA (when on) and the grid of its history, so a loaded artifact
/// forecasts exactly what the saved model did.
public struct ProphetArtifact: Codable, Sendable, Equatable {
    public static let currentFormatVersion = 1

    public var formatVersion: Int
    public var kind: String
    public var model: FittedProphetStyle

    enum CodingKeys: String, CodingKey {
        case formatVersion = "format_version", kind, model
    }

    public init(model: FittedProphetStyle) {
        formatVersion = Self.currentFormatVersion
        kind = "prophet-style"
        self.model = model
    }

    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try encoder.encode(self)
    }

    public static func decode(_ data: Data) throws -> ProphetArtifact {
        struct VersionProbe: Decodable {
            var formatVersion: Int
            enum CodingKeys: String, CodingKey { case formatVersion = "format_version" }
        }
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let version = try decoder.decode(VersionProbe.self, from: data).formatVersion
        guard version >= 1, version <= currentFormatVersion else {
            throw ProphetError.unsupportedArtifactVersion(found: version, supported: currentFormatVersion)
        }
        let artifact = try decoder.decode(ProphetArtifact.self, from: data)
        if let residual = artifact.model.residualModel { try residual.checkConsistency() }
        return artifact
    }
}
