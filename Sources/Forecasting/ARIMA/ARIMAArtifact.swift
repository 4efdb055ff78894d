import Foundation

/// The on-disk form of a fitted ARIMA-family model (JSON):
/// `{"format_version": 1, "kind": "arima", "model": {specification, coefficients, sigma2,
/// summary, intervalLevels, historyCount, tail, filter}}`.
///
/// The model carries its Kalman state and the last d + sD values, so a loaded artifact
/// forecasts exactly what the saved model did without the history. Doubles are written
/// in Swift's shortest round-trip form; ±∞ and NaN as the strings "inf", "-inf", "nan".
public struct ARIMAArtifact: Codable, Sendable, Equatable {
    /// Version written by this build; versions ≤ this one load.
    public static let currentFormatVersion = 1

    public var formatVersion: Int
    public var kind: String
    public var model: FittedARIMA

    enum CodingKeys: String, CodingKey {
        case formatVersion = "format_version", kind, model
    }

    public init(model: FittedARIMA, kind: String = "arima") {
        formatVersion = Self.currentFormatVersion
        self.kind = kind
        self.model = model
    }

    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try encoder.encode(self)
    }

    /// Decodes and checks an artifact; throws `ARIMAError.unsupportedArtifactVersion` for a
    /// newer format and `.artifactMismatch` when the parts do not fit together.
    public static func decode(_ data: Data) throws -> ARIMAArtifact {
        struct VersionProbe: Decodable {
            var formatVersion: Int
            enum CodingKeys: String, CodingKey { case formatVersion = "format_version" }
        }
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let version = try decoder.decode(VersionProbe.self, from: data).formatVersion
        guard version <= currentFormatVersion, version >= 1 else {
            throw ARIMAError.unsupportedArtifactVersion(found: version, supported: currentFormatVersion)
        }
        let artifact = try decoder.decode(ARIMAArtifact.self, from: data)
        try artifact.model.checkConsistency()
        return artifact
    }
}

extension FittedARIMA {
    /// Throws `.artifactMismatch` when coefficient counts, state sizes or the history tail
    /// disagree with the specification.
    func checkConsistency() throws(ARIMAError) {
        let s = specification, c = coefficients
        if c.ar.count != s.order.p || c.ma.count != s.order.q || c.seasonalAR.count != s.seasonal.p || c.seasonalMA.count != s.seasonal.q {
            throw .artifactMismatch("coefficient counts \(c.ar.count),\(c.ma.count),\(c.seasonalAR.count),\(c.seasonalMA.count) do not match \(s)")
        }
        let r = max(s.expandedARDegree, s.expandedMADegree + 1)
        if filter.r != r || filter.state.count != r || filter.covariance.count != r * r || filter.phi.count != r || filter.loading.count != r {
            throw .artifactMismatch("Kalman state of size \(filter.r) where \(s) needs \(r)")
        }
        if tail.count != s.differencingLag {
            throw .artifactMismatch("history tail of \(tail.count) values where \(s) needs \(s.differencingLag)")
        }
    }
}
