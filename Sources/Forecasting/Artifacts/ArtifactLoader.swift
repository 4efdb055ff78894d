import Foundation

/// The one loader for fitted models: reads `format_version` and `kind` first, then maps
/// the kind to its fitted model.
///
/// - format 3: the common envelope (`FittedModelArtifact`), any catalog kind;
/// - formats 1–2: the per-family files written before it (`LegacyArtifacts`): "arima" and
///   "autoarima" (`ARIMAArtifact`, format 1), "prophet-style" (`ProphetArtifact`,
///   formats 1–2), "lstm" (`LSTMArtifact`, format 1).
///
/// Every failure is an `ArtifactError` naming the kind and version.
public enum ArtifactLoader {
    /// Decodes `data` into an artifact that can forecast.
    public static func load(_ data: Data) throws(ArtifactError) -> FittedModelArtifact {
        let probe: ArtifactProbe
        do {
            probe = try JSONDecoder().decode(ArtifactProbe.self, from: data)
        } catch {
            throw .unreadable(reason: Self.describe(error))
        }
        guard let version = probe.formatVersion else { throw .missingFormatVersion(kind: probe.kind) }
        let kind = probe.kind ?? "(no kind)"
        switch version {
        case FittedModelArtifact.formatVersion:
            do {
                return try decoder().decode(FittedModelArtifact.self, from: data)
            } catch let error as ArtifactError {
                throw error
            } catch {
                throw .invalid(kind: kind, formatVersion: version, reason: Self.describe(error))
            }
        case 1..<FittedModelArtifact.formatVersion:
            return try LegacyArtifacts.load(data, kind: kind, formatVersion: version)
        default:
            throw .unsupportedFormatVersion(found: version, supported: FittedModelArtifact.formatVersion, kind: probe.kind)
        }
    }

    /// The decoder for every format: ±∞ and NaN as "inf", "-inf", "nan".
    static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return decoder
    }

    /// A decoding error as a sentence with its key path.
    static func describe(_ error: any Error) -> String {
        guard let decoding = error as? DecodingError else { return "\(error)" }
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
            return keys.isEmpty ? "" : " at \(keys)"
        }
        switch decoding {
        case .keyNotFound(let key, let context): return "missing key \(key.stringValue)\(path(context))"
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            return "\(context.debugDescription)\(path(context))"
        @unknown default: return "\(decoding)"
        }
    }
}

/// The top-level `format_version` and `kind` of any artifact, read before the rest.
private struct ArtifactProbe: Decodable {
    var formatVersion: Int?
    var kind: String?
    enum CodingKeys: String, CodingKey { case formatVersion = "format_version", kind }
}
