import Forecasting

/// `model.ensemble:` — the members and combination of `model_type: ensemble`. Each member
/// is a catalog name and takes this file's settings for its kind (`model.arima` orders,
/// `training:` for an LSTM, …); defaults are `EnsembleSettings`'.
public struct EnsembleSection: Sendable, Equatable {
    public var members: [ModelKind]
    public var combine: EnsembleCombine

    public init(members: [ModelKind] = EnsembleSettings.defaultMemberKinds, combine: EnsembleCombine = EnsembleSettings().combine) {
        self.members = members
        self.combine = combine
    }

    public static let defaults = EnsembleSection()

    enum Key: String, CaseIterable { case members, combine }

    init(decoding m: ConfigMapping<Key>) throws(ConfigError) {
        let d = Self.defaults
        let members = try m.choices(.members, default: d.members)
        guard !members.value.isEmpty, !members.value.contains(.ensemble) else {
            throw ConfigError(
                .outOfRange(value: "[" + members.value.map(\.name).joined(separator: ", ") + "]",
                            advice: "list one or more catalog models other than ensemble, e.g. [gbt, nhits, arima]"),
                keyPath: members.keyPath, location: members.location)
        }
        self.members = members.value
        combine = try m.choice(.combine, default: d.combine).value
    }
}
