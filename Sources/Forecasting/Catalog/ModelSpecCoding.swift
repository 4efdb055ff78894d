/// JSON form of a spec: `{"kind": "prophet-ar", "settings": {…}}`, the settings being the
/// kind's settings type. Decoding reads the kind first (an unknown one is
/// `ModelSpecError.unknownModel` with the closest name), then its settings, and refuses
/// settings that describe another kind (`settingsDoNotMatchKind`).
extension ModelSpec: Codable {
    enum CodingKeys: String, CodingKey { case kind, settings }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let kind = try ModelKind(name: try c.decode(String.self, forKey: .kind))
        self = try Self.decodeSettings(of: kind, from: c, forKey: .settings)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(kind.name, forKey: .kind)
        try encodeSettings(to: &c, forKey: .settings)
    }

    /// The settings of `kind` stored under `key` (shared with the artifact envelope).
    static func decodeSettings<K: CodingKey>(
        of kind: ModelKind, from c: KeyedDecodingContainer<K>, forKey key: K
    ) throws -> ModelSpec {
        // The defaults' type is the kind's settings type.
        func decode<S: ModelSettings>(like defaults: S) throws -> ModelSpec { ModelSpec(try c.decode(S.self, forKey: key)) }
        let spec = try decode(like: kind.defaultSettings)
        guard spec.kind == kind else { throw ModelSpecError.settingsDoNotMatchKind(kind: kind.name, settingsKind: spec.kind.name) }
        return spec
    }

    /// Writes this spec's settings under `key`.
    func encodeSettings<K: CodingKey>(to c: inout KeyedEncodingContainer<K>, forKey key: K) throws {
        func encode<S: ModelSettings>(_ settings: S) throws { try c.encode(settings, forKey: key) }
        try encode(settings)
    }
}
