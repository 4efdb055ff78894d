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

    /// The state must be the kind's family and pass the family's own checks; an LSTM's grid
    /// must be the data's.
    func checkConsistency() throws(ArtifactError) {
        func invalid(_ reason: String) -> ArtifactError {
            .invalid(kind: kind.name, formatVersion: upgradedFrom ?? formatVersion, reason: reason)
        }
        guard state.family == FittedState.family(of: kind) else {
            throw invalid("its state is a fitted \(state.family) model, not what \(kind.name) fits (\(FittedState.family(of: kind)))")
        }
        do {
            switch state {
            case .arima(let fitted): try fitted.checkConsistency()
            case .prophet(let fitted): try fitted.checkArtifactConsistency()
            case .seasonalNaive(let fitted):
                guard fitted.period >= 1, fitted.lastSeason.count == fitted.period else {
                    throw invalid("a season of \(fitted.period) steps with \(fitted.lastSeason.count) stored values")
                }
            case .lstm(let artifact):
                if let interval = data.intervalSeconds, interval != artifact.intervalSeconds {
                    throw invalid("the network was trained on a \(artifact.intervalSeconds) s grid, the data says \(interval) s")
                }
            case .naive:
                break
            }
        } catch let error as ArtifactError {
            throw error
        } catch {
            throw invalid("\(error)")
        }
    }
}

extension FittedState {
    /// The family name of a state ("naive", "snaive", "arima", "prophet-style", "lstm").
    var family: String {
        switch self {
        case .naive: "naive"
        case .seasonalNaive: "snaive"
        case .arima: "arima"
        case .prophet: "prophet-style"
        case .lstm: "lstm"
        }
    }

    /// The family a kind's fit produces.
    static func family(of kind: ModelKind) -> String {
        switch kind {
        case .naive: "naive"
        case .snaive: "snaive"
        case .arima, .autoarima, .autoarimaDaily: "arima"
        case .prophet, .prophetAR: "prophet-style"
        case .lstm: "lstm"
        }
    }

    /// The state of `kind`'s family stored under `key`.
    static func decode<K: CodingKey>(kind: ModelKind, from c: KeyedDecodingContainer<K>, forKey key: K) throws -> FittedState {
        switch kind {
        case .naive: .naive(try c.decode(FittedNaive.self, forKey: key))
        case .snaive: .seasonalNaive(try c.decode(FittedSeasonalNaive.self, forKey: key))
        case .arima, .autoarima, .autoarimaDaily: .arima(try c.decode(FittedARIMA.self, forKey: key))
        case .prophet, .prophetAR: .prophet(try c.decode(FittedProphetStyle.self, forKey: key))
        case .lstm: .lstm(try c.decode(LSTMArtifact.self, forKey: key))
        }
    }

    func encode<K: CodingKey>(to c: inout KeyedEncodingContainer<K>, forKey key: K) throws {
        switch self {
        case .naive(let fitted): try c.encode(fitted, forKey: key)
        case .seasonalNaive(let fitted): try c.encode(fitted, forKey: key)
        case .arima(let fitted): try c.encode(fitted, forKey: key)
        case .prophet(let fitted): try c.encode(fitted, forKey: key)
        case .lstm(let artifact): try c.encode(artifact, forKey: key)
        }
    }
}
