import Ingest

/// A registered model and the alias to serve, written `NAME@alias` (alias `production`
/// when omitted). The pipelines register metric `m` as `autoscale-<m>`
/// (`Pipelines/quickstart.yaml`, stage `register`).
public struct ModelReference: Sendable, Hashable, CustomStringConvertible, Codable {
    public static let defaultAlias = "production"
    public static let defaultPrefix = "autoscale-"

    public var name: String
    public var alias: String

    public init(name: String, alias: String = ModelReference.defaultAlias) {
        self.name = name
        self.alias = alias
    }

    /// Parses `NAME@alias` or `NAME`; an empty name or alias is `ServingError.badModelReference`.
    public init(parsing text: String) throws(ServingError) {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false).map(String.init)
        guard (1...2).contains(parts.count), !parts[0].isEmpty, parts.count == 1 || !parts[1].isEmpty else {
            throw .badModelReference(text)
        }
        self.init(name: parts[0], alias: parts.count == 2 ? parts[1] : Self.defaultAlias)
    }

    /// `<prefix><metric>@<alias>`, e.g. `autoscale-cpu@production`.
    public static func forMetric(_ metric: ResourceMetric, prefix: String = defaultPrefix, alias: String = defaultAlias) -> ModelReference {
        ModelReference(name: prefix + metric.rawValue, alias: alias)
    }

    public var description: String { "\(name)@\(alias)" }
}
