import GRDB

/// One row of `experiments`. `deleted` is the soft-delete time; deleted experiments are hidden.
struct ExperimentRecord: Codable, FetchableRecord, MutablePersistableRecord, Sendable {
    static let databaseTableName = "experiments"
    var id: Int64?
    var name: String
    var created: Double
    var deleted: Double?

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// One row of `runs`.
struct RunRecord: Codable, FetchableRecord, PersistableRecord, Sendable {
    static let databaseTableName = "runs"
    static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase
    /// The integer key child tables use; nil before insertion (SQLite assigns it).
    var seq: Int64?
    var id: String
    var name: String
    var experimentId: Int64
    var status: String
    var startTime: Double
    var endTime: Double?
    var heartbeat: Double
    var seed: Int64?
    var sourceFile: String?
    var sourceHash: String?
    var parentId: String?
}

/// A row of `metrics` (append-only) or of `latest_metrics` (one per run and key), without its run.
/// `value` is nil exactly when the logged value was NaN.
struct MetricRecord: Codable, FetchableRecord, Sendable {
    static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    var key: String
    var step: Int64
    var timestamp: Double
    var value: Double?
    var isNan: Bool

    var number: Double { isNan ? .nan : (value ?? .nan) }
}

/// One row of `artifacts`: an opaque, content-addressed reference.
struct ArtifactRecord: Codable, FetchableRecord, MutablePersistableRecord, Sendable {
    static let databaseTableName = "artifacts"
    var id: Int64?
    var runId: String
    var name: String
    var kind: String
    var sha256: String
    var size: Int64
    var path: String
    var created: Double

    enum CodingKeys: String, CodingKey {
        case id, runId = "run_id", name, kind, sha256, size, path, created
    }

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
