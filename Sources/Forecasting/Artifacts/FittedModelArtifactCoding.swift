import Series

/// Format 3 as JSON. The kind is read first and decides the types of `settings` and
/// `state`; `features` is written for readers in other languages and checked against the
/// state's on reading. `ArtifactLoader` is the entry point (it checks the format version
/// before any of this runs).
extension FittedModelArtifact: Codable {
    enum CodingKeys: String, CodingKey {
        case formatVersion = "format_version", kind, codeVersion = "code_version", settings, data, preprocessing
        case scaler, features, state, upgradedFrom = "upgraded_from"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        formatVersion = try c.decode(Int.self, forKey: .formatVersion)
        let kind = try ModelKind(name: try c.decode(String.self, forKey: .kind))
        spec = try ModelSpec.decodeSettings(of: kind, from: c, forKey: .settings)
        codeVersion = try c.decodeIfPresent(String.self, forKey: .codeVersion)
        data = try c.decode(FittedData.self, forKey: .data)
        preprocessing = try c.decodeIfPresent(FittedPreprocessor.self, forKey: .preprocessing)
        scaler = try c.decodeIfPresent(MinMaxScaler.self, forKey: .scaler)
        state = try FittedState.decode(kind: kind, from: c, forKey: .state)
        upgradedFrom = try c.decodeIfPresent(Int.self, forKey: .upgradedFrom)
        let written = try c.decodeIfPresent(LSTMFeatureSpec.self, forKey: .features)
        guard written == features else {
            throw ArtifactError.invalid(kind: kind.name, formatVersion: formatVersion,
                                        reason: "features \(String(describing: written)) differ from the model's \(String(describing: features))")
        }
        try checkConsistency()
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(formatVersion, forKey: .formatVersion)
        try c.encode(kind.name, forKey: .kind)
        try spec.encodeSettings(to: &c, forKey: .settings)
        try c.encodeIfPresent(codeVersion, forKey: .codeVersion)
        try c.encode(data, forKey: .data)
        try c.encodeIfPresent(preprocessing, forKey: .preprocessing)
        try c.encodeIfPresent(scaler, forKey: .scaler)
        try c.encodeIfPresent(features, forKey: .features)
        try state.encode(to: &c, forKey: .state)
        try c.encodeIfPresent(upgradedFrom, forKey: .upgradedFrom)
    }

    /// The state must be of the type the kind's catalog model stores and pass its own
    /// checks (with the data it was fitted on).
    func checkConsistency() throws(ArtifactError) {
        func invalid(_ reason: String) -> ArtifactError {
            .invalid(kind: kind.name, formatVersion: upgradedFrom ?? formatVersion, reason: reason)
        }
        func expected<S: ModelSettings>(_ settings: S) -> any FittedModelState.Type { S.Model.State.self }
        let family = expected(spec.settings).family
        guard type(of: state.value) == expected(spec.settings) else {
            throw invalid("its state is a fitted \(state.family) model, not what \(kind.name) fits (\(family))")
        }
        do {
            try state.value.checkArtifactState(data: data)
        } catch {
            throw invalid("\(error)")
        }
    }
}

extension FittedState {
    /// The state `kind`'s catalog model stores, read from `key`.
    static func decode<K: CodingKey>(kind: ModelKind, from c: KeyedDecodingContainer<K>, forKey key: K) throws -> FittedState {
        func decode<S: ModelSettings>(_ settings: S) throws -> FittedState {
            FittedState(try c.decode(S.Model.State.self, forKey: key))
        }
        return try decode(kind.defaultSettings)
    }

    func encode<K: CodingKey>(to c: inout KeyedEncodingContainer<K>, forKey key: K) throws {
        func encode<T: FittedModelState>(_ value: T) throws { try c.encode(value, forKey: key) }
        try encode(value)
    }
}
