import Foundation
import GRDB

extension Registry {
    public func promote(run: RunID, model: String, artifact: String?, alias: String?, reason: String?) throws -> Promotion {
        try NameRules.validate(kind: "model name", model)
        if let alias { try NameRules.validate(kind: "alias", alias) }
        let now = clock.now()
        return try write { db in
            _ = try Self.runKey(run, db)
            let artifactRecord = try Self.modelArtifact(of: run, named: artifact, db)
            let modelId = try Self.modelId(named: model, createAt: now, db)
            let nextVersion = (try Int64.fetchOne(db, sql: "SELECT max(version) FROM model_versions WHERE model_id = ?", arguments: [modelId]) ?? 0) + 1
            var version = ModelVersionRecord(
                id: nil, modelId: modelId, version: nextVersion, runId: run.rawValue,
                artifactId: artifactRecord.id ?? 0, metricsSnapshot: try Self.metricsSnapshot(of: run, db), created: now)
            try version.insert(db)
            var replaced: Int64?
            if let alias, let versionId = version.id {
                replaced = try Self.moveAlias(model: modelId, alias: alias, to: versionId, reason: reason, undoing: nil, at: now, db)?.version
            }
            return Promotion(model: model, version: nextVersion, run: run, artifact: Self.reference(artifactRecord),
                             alias: alias, replacedVersion: replaced)
        }
    }

    /// Points `alias` of `model` at an existing `version` (recorded in the alias history).
    public func setAlias(model: String, alias: String, version: Int64, reason: String? = nil) throws -> AliasMove {
        try NameRules.validate(kind: "alias", alias)
        let now = clock.now()
        return try write { db in
            let modelId = try Self.existingModelId(named: model, db)
            guard let versionId = try Int64.fetchOne(db, sql: "SELECT id FROM model_versions WHERE model_id = ? AND version = ?", arguments: [modelId, version]) else {
                let known = try Int64.fetchAll(db, sql: "SELECT version FROM model_versions WHERE model_id = ? ORDER BY version", arguments: [modelId])
                throw TrackingError.invalidName(kind: "version of model '\(model)'", value: String(version),
                                                reason: "it does not exist (versions: \(known.map(String.init).joined(separator: ", ")))")
            }
            let replaced = try Self.moveAlias(model: modelId, alias: alias, to: versionId, reason: reason, undoing: nil, at: now, db)
            return AliasMove(model: model, alias: alias, fromVersion: replaced?.version, toVersion: version, reason: reason)
        }
    }

    /// Moves `alias` back one step of its history: undoes the latest move not already undone.
    public func rollback(model: String, alias: String, reason: String? = nil) throws -> AliasMove {
        let now = clock.now()
        return try write { db in
            let modelId = try Self.existingModelId(named: model, db)
            let aliases = try String.fetchAll(db, sql: "SELECT name FROM aliases WHERE model_id = ? ORDER BY name", arguments: [modelId])
            guard aliases.contains(alias) else { throw TrackingError.aliasNotFound(model: model, alias: alias, known: aliases) }
            let lastMove = try AliasMoveRecord.fetchOne(db, sql: """
                SELECT * FROM alias_history h
                WHERE h.model_id = ? AND h.alias = ? AND h.undoes_id IS NULL
                  AND NOT EXISTS (SELECT 1 FROM alias_history u WHERE u.undoes_id = h.id)
                ORDER BY h.id DESC LIMIT 1
                """, arguments: [modelId, alias])
            guard let lastMove, let target = lastMove.fromVersionId else {
                throw TrackingError.nothingToRollBack(model: model, alias: alias)
            }
            let replaced = try Self.moveAlias(model: modelId, alias: alias, to: target, reason: reason ?? "rollback",
                                              undoing: lastMove.id, at: now, db)
            let targetNumber = try Int64.fetchOne(db, sql: "SELECT version FROM model_versions WHERE id = ?", arguments: [target]) ?? 0
            return AliasMove(model: model, alias: alias, fromVersion: replaced?.version, toVersion: targetNumber, reason: reason ?? "rollback")
        }
    }

    /// Points `alias` at `versionId` and appends the move to the alias history.
    /// Returns the version it pointed at before (id and number), if any.
    static func moveAlias(model: Int64, alias: String, to versionId: Int64, reason: String?, undoing: Int64?,
                          at now: Double, _ db: Database) throws -> (id: Int64, version: Int64)? {
        let previous = try Row.fetchOne(db, sql: """
            SELECT a.version_id, v.version FROM aliases a JOIN model_versions v ON v.id = a.version_id
            WHERE a.model_id = ? AND a.name = ?
            """, arguments: [model, alias])
        let previousId: Int64? = previous?[0]
        try db.execute(sql: """
            INSERT INTO aliases(model_id, name, version_id, updated) VALUES (?, ?, ?, ?)
            ON CONFLICT(model_id, name) DO UPDATE SET version_id = excluded.version_id, updated = excluded.updated
            """, arguments: [model, alias, versionId, now])
        var move = AliasMoveRecord(id: nil, modelId: model, alias: alias, fromVersionId: previousId, toVersionId: versionId,
                                   moved: now, reason: reason, undoesId: undoing)
        try move.insert(db)
        guard let previous, let id: Int64 = previous[0], let number: Int64 = previous[1] else { return nil }
        return (id, number)
    }

    static func modelArtifact(of run: RunID, named name: String?, _ db: Database) throws -> ArtifactRecord {
        let all = try ArtifactRecord.fetchAll(db, sql: "SELECT * FROM artifacts WHERE run_id = ? ORDER BY name", arguments: [run.rawValue])
        if let name {
            guard let match = all.first(where: { $0.name == name }) else {
                throw TrackingError.artifactNotFound(run: run.rawValue, name: name, available: all.map(\.name))
            }
            return match
        }
        let models = all.filter { $0.kind == "model" }
        guard let first = models.first else { throw TrackingError.noModelArtifact(run: run.rawValue, artifacts: all.map(\.name)) }
        guard models.count == 1 else { throw TrackingError.ambiguousModelArtifact(run: run.rawValue, candidates: models.map(\.name)) }
        return first
    }

    static func modelId(named name: String, createAt now: Double, _ db: Database) throws -> Int64 {
        if let id = try Int64.fetchOne(db, sql: "SELECT id FROM registered_models WHERE name = ?", arguments: [name]) { return id }
        var record = RegisteredModelRecord(id: nil, name: name, created: now)
        try record.insert(db)
        return record.id ?? db.lastInsertedRowID
    }

    static func existingModelId(named name: String, _ db: Database) throws -> Int64 {
        if let id = try Int64.fetchOne(db, sql: "SELECT id FROM registered_models WHERE name = ?", arguments: [name]) { return id }
        throw TrackingError.modelNotFound(name: name, known: try String.fetchAll(db, sql: "SELECT name FROM registered_models ORDER BY name"))
    }

    /// The run's latest metrics as a JSON object, keys sorted; NaN and ±inf as the strings
    /// "NaN", "Infinity", "-Infinity".
    static func metricsSnapshot(of run: RunID, _ db: Database) throws -> String {
        let rows = try MetricRecord.fetchAll(db, sql: "SELECT * FROM latest_metrics WHERE run = ? ORDER BY key", arguments: [runKey(run, db)])
        var snapshot: [String: Double] = [:]
        for row in rows { snapshot[row.key] = row.number }
        let data = try JSONOutput.encoder().encode(snapshot)
        return String(decoding: data, as: UTF8.self)
    }
}
