import GRDB

/// One row of `registered_models`.
struct RegisteredModelRecord: Codable, FetchableRecord, MutablePersistableRecord, Sendable {
    static let databaseTableName = "registered_models"
    var id: Int64?
    var name: String
    var created: Double

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// One row of `model_versions` (immutable; triggers refuse UPDATE and DELETE).
struct ModelVersionRecord: Codable, FetchableRecord, MutablePersistableRecord, Sendable {
    static let databaseTableName = "model_versions"
    var id: Int64?
    var modelId: Int64
    var version: Int64
    var runId: String
    var artifactId: Int64
    var metricsSnapshot: String
    var created: Double

    enum CodingKeys: String, CodingKey {
        case id, modelId = "model_id", version, runId = "run_id", artifactId = "artifact_id"
        case metricsSnapshot = "metrics_snapshot", created
    }

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// One row of `aliases`: where a movable name points now.
struct AliasRecord: Codable, FetchableRecord, Sendable {
    static let databaseTableName = "aliases"
    var modelId: Int64
    var name: String
    var versionId: Int64
    var updated: Double

    enum CodingKeys: String, CodingKey {
        case modelId = "model_id", name, versionId = "version_id", updated
    }
}

/// One row of `alias_history`: a single move of an alias (append-only).
/// `undoesId` is set on moves made by a rollback and names the move they undo.
struct AliasMoveRecord: Codable, FetchableRecord, MutablePersistableRecord, Sendable {
    static let databaseTableName = "alias_history"
    var id: Int64?
    var modelId: Int64
    var alias: String
    var fromVersionId: Int64?
    var toVersionId: Int64
    var moved: Double
    var reason: String?
    var undoesId: Int64?

    enum CodingKeys: String, CodingKey {
        case id, modelId = "model_id", alias, fromVersionId = "from_version_id"
        case toVersionId = "to_version_id", moved, reason, undoesId = "undoes_id"
    }

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
