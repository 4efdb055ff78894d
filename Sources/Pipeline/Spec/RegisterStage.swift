/// `kind: register`: the selected run's model becomes a new version of the registered
/// model `model`, and `alias` moves to it, in one transaction (as `runs promote`).
public struct RegisterStage: Sendable, Equatable {
    /// The alias moved when none is given.
    public static let defaultAlias = "production"

    public var model: String
    public var alias: String
    public var reason: String?

    public init(model: String, alias: String = RegisterStage.defaultAlias, reason: String? = nil) {
        self.model = model
        self.alias = alias
        self.reason = reason
    }

    enum Key: String, CaseIterable {
        case kind, needs, foreach, matrix
        case model, alias, reason
    }

    /// Every bad key is recorded; nil when any was.
    static func decode(_ m: ConfigMapping<Key>, diagnostics d: inout SpecDiagnostics) -> RegisterStage? {
        let start = d.errors.count
        let model = d.value("") { () throws(ConfigError) in
            let value = try m.requiredString(.model, example: "model: autoscale-${item}")
            guard !value.isEmpty, value.count <= 250 else {
                throw m.error(.outOfRange(value: "\"\(value)\"", advice: "name the registered model with 1 to 250 characters"), .model)
            }
            return value
        }
        let alias = d.value(Self.defaultAlias) { () throws(ConfigError) in
            let value = try m.string(.alias, default: Self.defaultAlias).value ?? Self.defaultAlias
            guard !value.isEmpty, value.count <= 250 else {
                throw m.error(.outOfRange(value: "\"\(value)\"", advice: "name the alias with 1 to 250 characters"), .alias)
            }
            return value
        }
        let reason: String? = d.value(nil) { () throws(ConfigError) in try m.string(.reason, default: nil).value }
        return d.errors.count == start ? RegisterStage(model: model, alias: alias, reason: reason) : nil
    }
}
