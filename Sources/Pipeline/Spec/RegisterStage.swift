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

    init(decoding m: ConfigMapping<Key>) throws(ConfigError) {
        model = try m.requiredString(.model, example: "model: autoscale-${item}")
        guard !model.isEmpty, model.count <= 250 else {
            throw m.error(.outOfRange(value: "\"\(model)\"", advice: "name the registered model with 1 to 250 characters"), .model)
        }
        alias = try m.string(.alias, default: Self.defaultAlias).value ?? Self.defaultAlias
        guard !alias.isEmpty, alias.count <= 250 else {
            throw m.error(.outOfRange(value: "\"\(alias)\"", advice: "name the alias with 1 to 250 characters"), .alias)
        }
        reason = try m.string(.reason, default: nil).value
    }
}
