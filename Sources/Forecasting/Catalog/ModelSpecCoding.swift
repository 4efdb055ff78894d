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
        let spec: ModelSpec
        switch kind {
        case .naive:
            _ = try c.decode(NaiveSettings.self, forKey: key)
            spec = .naive
        case .snaive: spec = .seasonalNaive(try c.decode(SeasonalNaiveSettings.self, forKey: key))
        case .arima: spec = .arima(try c.decode(ARIMASettings.self, forKey: key))
        case .autoarima, .autoarimaDaily: spec = .autoARIMA(try c.decode(AutoARIMASettings.self, forKey: key))
        case .prophet, .prophetAR: spec = .prophet(try c.decode(ProphetSettings.self, forKey: key))
        case .lstm: spec = .lstm(try c.decode(LSTMConfiguration.self, forKey: key))
        }
        guard spec.kind == kind else { throw ModelSpecError.settingsDoNotMatchKind(kind: kind.name, settingsKind: spec.kind.name) }
        return spec
    }

    /// Writes this spec's settings under `key`.
    func encodeSettings<K: CodingKey>(to c: inout KeyedEncodingContainer<K>, forKey key: K) throws {
        switch self {
        case .naive: try c.encode(NaiveSettings(), forKey: key)
        case .seasonalNaive(let settings): try c.encode(settings, forKey: key)
        case .arima(let settings): try c.encode(settings, forKey: key)
        case .autoARIMA(let settings): try c.encode(settings, forKey: key)
        case .prophet(let settings): try c.encode(settings, forKey: key)
        case .lstm(let configuration): try c.encode(configuration, forKey: key)
        }
    }
}
