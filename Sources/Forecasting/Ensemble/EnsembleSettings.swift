/// How the ensemble combines its members' forecasts at each step ahead.
public enum EnsembleCombine: String, Codable, Sendable, Hashable, CaseIterable {
    /// Σ_m w_{k,m} ŝ^m_{t+k}, with w_k ≥ 0, Σ_m w_{k,m} = 1 fitted per step k on the
    /// validation part (`EnsembleWeights`).
    case weights
    /// The median of the members' forecasts at each step (the mean of the middle two for
    /// an even count); nothing is fitted.
    case median
}

/// Settings of `ensemble`: its members (catalog models, each with its own settings) and
/// how they are combined. Defaults live here: `EnsembleSettings.defaultMembers` and
/// `.weights`.
///
/// JSON: `{"members": [{"kind": "arima", "settings": {…}}, …], "combine": "weights"}`;
/// each member is a `ModelSpec` decoded through the catalog (`ModelSpecCoding`); a missing
/// key takes its default.
public struct EnsembleSettings: Codable, Hashable, Sendable {
    /// The members, in the order weights are reported.
    public var members: [ModelSpec]
    public var combine: EnsembleCombine

    /// The default members, each with its defaults (the one place this list is written):
    /// gradient-boosted trees, the N-HiTS network and ARIMA(1,1,1), three different kinds of
    /// forecaster that each fit a series in seconds (Benchmarks/README.md, "ensemble"); adding
    /// `lstm` was the most accurate on nab, at about three times the fitting time.
    public static let defaultMemberKinds: [ModelKind] = [.gbt, .nhits, .arima]

    public static var defaultMembers: [ModelSpec] { defaultMemberKinds.map(ModelSpec.init(kind:)) }

    public init(members: [ModelSpec] = EnsembleSettings.defaultMembers, combine: EnsembleCombine = .weights) {
        self.members = members
        self.combine = combine
    }

    enum CodingKeys: String, CodingKey { case members, combine }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = EnsembleSettings()
        members = try c.decodeIfPresent([ModelSpec].self, forKey: .members) ?? defaults.members
        combine = try c.decodeIfPresent(EnsembleCombine.self, forKey: .combine) ?? defaults.combine
    }

    /// Throws `EnsembleError` unless there is at least one member and none is an ensemble.
    public func check() throws(EnsembleError) {
        guard !members.isEmpty else { throw .noMembers }
        if let nested = members.firstIndex(where: { $0.kind == .ensemble }) { throw .nestedEnsemble(member: nested) }
    }
}
