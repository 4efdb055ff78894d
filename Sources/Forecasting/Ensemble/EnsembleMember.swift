/// One member of a fitted ensemble as its artifact stores it: the member's settings as
/// the fit used them and its fitted state, in the envelope's own shape
/// `{"kind": "arima", "settings": {…}, "state": {…}}` (the kind decides the types of the
/// other two, as in `FittedModelArtifact`).
public struct EnsembleMemberState: Codable, Equatable, Sendable {
    public var spec: ModelSpec
    public var state: FittedState

    public init(spec: ModelSpec, state: FittedState) {
        self.spec = spec
        self.state = state
    }

    public var kind: ModelKind { spec.kind }

    enum CodingKeys: String, CodingKey { case kind, settings, state }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let kind = try ModelKind(name: try c.decode(String.self, forKey: .kind))
        spec = try ModelSpec.decodeSettings(of: kind, from: c, forKey: .settings)
        state = try FittedState.decode(kind: kind, from: c, forKey: .state)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(kind.name, forKey: .kind)
        try spec.encodeSettings(to: &c, forKey: .settings)
        try state.encode(to: &c, forKey: .state)
    }
}

/// A member fitted on some data: what the artifact keeps, and the fitted forecaster
/// conditioned on the data it was fitted on (used as it is, so an ensemble of one member
/// forecasts exactly as that member does).
struct FittedMember: Sendable {
    var stored: EnsembleMemberState
    var model: any FittedForecaster
}

extension ModelSpec {
    /// Fits this (member) spec on `data` in `context`, as the catalog fits any model.
    func fitMember(_ data: FitData, context: FitContext, hooks: TrainingHooks) throws -> FittedMember {
        func run<S: ModelSettings>(_ settings: S) throws -> FittedMember {
            let fitted = try S.Model.forecaster(settings, context: context, hooks: hooks).fit(data)
            let stored = EnsembleMemberState(
                spec: ModelSpec(S.Model.resolved(settings, context: context)), state: FittedState(S.Model.state(of: fitted)))
            return FittedMember(stored: stored, model: fitted)
        }
        return try run(settings)
    }
}
