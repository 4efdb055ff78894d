import Foundation
import GRDB

/// A registered model with its immutable versions, where its aliases point, and how they moved.
public struct ModelSummary: Codable, Sendable, Equatable {
    public struct Version: Codable, Sendable, Equatable {
        public var version: Int64
        public var run: RunID
        public var artifact: ArtifactReference
        public var created: Double
        /// The run's latest metrics when the version was registered.
        public var metrics: [String: Double]
        public var aliases: [String]
    }
    public struct Move: Codable, Sendable, Equatable {
        public var alias: String
        public var fromVersion: Int64?
        public var toVersion: Int64
        public var moved: Double
        public var reason: String?
        public var isRollback: Bool
    }
    public var name: String
    public var created: Double
    public var versions: [Version]
    /// Alias name → version number it points at now.
    public var aliases: [String: Int64]
    public var history: [Move]
}

extension Registry {
    /// Every registered model (or only `name`), versions ascending, history oldest first.
    public func models(named name: String? = nil) throws -> [ModelSummary] {
        try read { db in
            let models: [RegisteredModelRecord]
            if let name {
                _ = try Self.existingModelId(named: name, db)
                models = try RegisteredModelRecord.fetchAll(db, sql: "SELECT * FROM registered_models WHERE name = ?", arguments: [name])
            } else {
                models = try RegisteredModelRecord.fetchAll(db, sql: "SELECT * FROM registered_models ORDER BY name")
            }
            return try models.map { try Self.summary(of: $0, db) }
        }
    }

    /// The version an alias points at, with its artifact (what Serving loads).
    public func resolveAlias(model: String, alias: String) throws -> ModelSummary.Version {
        let summaries = try models(named: model)
        guard let summary = summaries.first, let number = summary.aliases[alias],
              let version = summary.versions.first(where: { $0.version == number }) else {
            throw TrackingError.aliasNotFound(model: model, alias: alias, known: summaries.first.map { $0.aliases.keys.sorted() } ?? [])
        }
        return version
    }

    static func summary(of model: RegisteredModelRecord, _ db: Database) throws -> ModelSummary {
        let modelId = model.id ?? 0
        var versionNumbers: [Int64: Int64] = [:]
        var aliasesByVersion: [Int64: [String]] = [:]
        var aliases: [String: Int64] = [:]
        let versionRecords = try ModelVersionRecord.fetchAll(db, sql: "SELECT * FROM model_versions WHERE model_id = ? ORDER BY version", arguments: [modelId])
        for record in versionRecords { versionNumbers[record.id ?? 0] = record.version }
        for alias in try AliasRecord.fetchAll(db, sql: "SELECT * FROM aliases WHERE model_id = ? ORDER BY name", arguments: [modelId]) {
            aliasesByVersion[alias.versionId, default: []].append(alias.name)
            aliases[alias.name] = versionNumbers[alias.versionId]
        }
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        let versions = try versionRecords.map { record -> ModelSummary.Version in
            guard let artifact = try ArtifactRecord.fetchOne(db, key: record.artifactId) else {
                throw TrackingError.artifactNotFound(run: record.runId, name: "#\(record.artifactId)", available: [])
            }
            return ModelSummary.Version(
                version: record.version, run: RunID(trusted: record.runId), artifact: reference(artifact), created: record.created,
                metrics: try decoder.decode([String: Double].self, from: Data(record.metricsSnapshot.utf8)),
                aliases: aliasesByVersion[record.id ?? 0] ?? [])
        }
        let history = try AliasMoveRecord.fetchAll(db, sql: "SELECT * FROM alias_history WHERE model_id = ? ORDER BY id", arguments: [modelId])
            .map { move in
                ModelSummary.Move(alias: move.alias, fromVersion: move.fromVersionId.flatMap { versionNumbers[$0] },
                                  toVersion: versionNumbers[move.toVersionId] ?? 0, moved: move.moved, reason: move.reason,
                                  isRollback: move.undoesId != nil)
            }
        return ModelSummary(name: model.name, created: model.created, versions: versions, aliases: aliases, history: history)
    }
}
