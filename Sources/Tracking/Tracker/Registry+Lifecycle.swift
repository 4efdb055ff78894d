import Foundation
import GRDB

extension Registry: TrackerLifecycle {
    public func createExperiment(_ name: String) throws -> ExperimentInfo {
        try NameRules.validate(kind: "experiment name", name)
        let now = clock.now()
        let id = try write { db -> Int64 in
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM experiments WHERE name = ?", arguments: [name]) == true {
                throw TrackingError.invalidName(kind: "experiment name", value: name, reason: "an experiment of this name already exists")
            }
            var record = ExperimentRecord(id: nil, name: name, created: now, deleted: nil)
            try record.insert(db)
            return record.id ?? db.lastInsertedRowID
        }
        return ExperimentInfo(id: id, name: name, created: now, deleted: nil, lastActivity: now)
    }

    public func renameExperiment(id: Int64, to name: String) throws {
        try NameRules.validate(kind: "experiment name", name)
        try write { db in
            if try Int64.fetchOne(db, sql: "SELECT id FROM experiments WHERE name = ?", arguments: [name]).map({ $0 != id }) == true {
                throw TrackingError.invalidName(kind: "experiment name", value: name, reason: "an experiment of this name already exists")
            }
            try db.execute(sql: "UPDATE experiments SET name = ? WHERE id = ?", arguments: [name, id])
            if db.changesCount == 0 { throw TrackingError.experimentNotFound(name: "#\(id)", closeMatches: []) }
        }
    }

    public func setExperimentDeleted(id: Int64, _ deleted: Bool) throws {
        let now = clock.now()
        try write { db in
            try db.execute(sql: "UPDATE experiments SET deleted = ? WHERE id = ?", arguments: [deleted ? now : nil, id])
            if db.changesCount == 0 { throw TrackingError.experimentNotFound(name: "#\(id)", closeMatches: []) }
        }
    }

    public func setRunDeleted(_ run: RunID, _ deleted: Bool) throws {
        let now = clock.now()
        try write { db in
            try db.execute(sql: "UPDATE runs SET deleted = ? WHERE id = ?", arguments: [deleted ? now : nil, run.rawValue])
            if db.changesCount == 0 { throw TrackingError.runNotFound(prefix: run.rawValue) }
        }
    }

    public func renameRun(_ run: RunID, to name: String) throws {
        try NameRules.validate(kind: "run name", name)
        try write { db in
            try db.execute(sql: "UPDATE runs SET name = ? WHERE id = ?", arguments: [name, run.rawValue])
            if db.changesCount == 0 { throw TrackingError.runNotFound(prefix: run.rawValue) }
        }
    }

    public func setStatus(run: RunID, _ status: RunStatus, endTime: Double?) throws {
        guard let endTime, status.isTerminal else { return try setStatus(run: run, status) }
        let now = clock.now()
        try write { db in
            try db.execute(sql: """
                UPDATE runs SET status = ?, heartbeat = max(heartbeat, ?), end_time = max(?, start_time) WHERE id = ?
                """, arguments: [status.rawValue, now, endTime, run.rawValue])
            if db.changesCount == 0 { throw TrackingError.runNotFound(prefix: run.rawValue) }
        }
    }

    public func deleteTag(run: RunID, key: String) throws {
        try write { db in
            let runKey = try Self.runKey(run, db)
            try db.execute(sql: "DELETE FROM tags WHERE run = ? AND key = ?", arguments: [runKey, key])
            if db.changesCount == 0 {
                throw TrackingError.invalidName(kind: "tag key of run \(run.short)", value: key, reason: "the run has no such tag")
            }
        }
    }

    public func renameModel(_ name: String, to newName: String) throws {
        try NameRules.validate(kind: "model name", newName)
        try write { db in
            let id = try Self.existingModelId(named: name, db)
            if try Int64.fetchOne(db, sql: "SELECT id FROM registered_models WHERE name = ?", arguments: [newName]).map({ $0 != id }) == true {
                throw TrackingError.invalidName(kind: "model name", value: newName, reason: "a registered model of this name already exists")
            }
            try db.execute(sql: "UPDATE registered_models SET name = ? WHERE id = ?", arguments: [newName, id])
        }
    }

    public func createModel(_ name: String) throws {
        try NameRules.validate(kind: "model name", name)
        let now = clock.now()
        try write { db in
            if try Int64.fetchOne(db, sql: "SELECT id FROM registered_models WHERE name = ?", arguments: [name]) != nil {
                throw TrackingError.invalidName(kind: "model name", value: name, reason: "a registered model of this name already exists")
            }
            var record = RegisteredModelRecord(id: nil, name: name, created: now)
            try record.insert(db)
        }
    }

    public func deleteAlias(model: String, alias: String) throws {
        try write { db in
            let id = try Self.existingModelId(named: model, db)
            try db.execute(sql: "DELETE FROM aliases WHERE model_id = ? AND name = ?", arguments: [id, alias])
            if db.changesCount == 0 {
                let known = try String.fetchAll(db, sql: "SELECT name FROM aliases WHERE model_id = ? ORDER BY name", arguments: [id])
                throw TrackingError.aliasNotFound(model: model, alias: alias, known: known)
            }
        }
    }
}

extension Registry {
    /// Every experiment with its id, live ones only unless `includeDeleted`, by id.
    public func experimentInfos(includeDeleted: Bool = false) throws -> [ExperimentInfo] {
        try experimentInfos(where: includeDeleted ? nil : "e.deleted IS NULL", arguments: [])
    }

    /// The experiment with this id or name (live or deleted); nil when there is none.
    /// Reads only that experiment's runs (for `lastActivity`), through `runs_by_experiment`.
    public func experimentInfo(id: Int64? = nil, name: String? = nil) throws -> ExperimentInfo? {
        let (condition, arguments) = Self.experimentCondition(id: id, name: name, table: "e")
        return try experimentInfos(where: condition, arguments: arguments).first
    }

    /// Id, name and deletion time of the experiments with this id and/or name (all of them when
    /// both are nil), by id. Unlike `experimentInfo` it reads no runs: one indexed lookup at any
    /// registry size, for callers that need only the identity (the REST server's hot paths).
    public func experimentKeys(id: Int64? = nil, name: String? = nil) throws -> [ExperimentKey] {
        let (condition, arguments) = Self.experimentCondition(id: id, name: name, table: "experiments")
        return try read { db in
            try Row.fetchAll(db.cachedStatement(sql: """
                SELECT id, name, deleted FROM experiments\(condition.map { " WHERE " + $0 } ?? "") ORDER BY id
                """), arguments: StatementArguments(arguments)).map { row in ExperimentKey(id: row[0], name: row[1], deleted: row[2]) }
        }
    }

    /// `table.id = ? AND table.name = ?` for the given parts; nil when both are nil.
    private static func experimentCondition(id: Int64?, name: String?, table: String) -> (String?, [(any DatabaseValueConvertible)?]) {
        var parts: [String] = []
        var arguments: [(any DatabaseValueConvertible)?] = []
        if let id { parts.append("\(table).id = ?"); arguments.append(id) }
        if let name { parts.append("\(table).name = ?"); arguments.append(name) }
        return (parts.isEmpty ? nil : parts.joined(separator: " AND "), arguments)
    }

    private func experimentInfos(where condition: String?, arguments: [(any DatabaseValueConvertible)?]) throws -> [ExperimentInfo] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT e.id, e.name, e.created, e.deleted, MAX(r.start_time), MAX(r.end_time), MAX(r.heartbeat)
                FROM experiments e LEFT JOIN runs r ON r.experiment_id = e.id
                \(condition.map { "WHERE " + $0 } ?? "")
                GROUP BY e.id, e.name, e.created, e.deleted ORDER BY e.id
                """, arguments: StatementArguments(arguments)).map { row in
                    let created: Double = row[2]
                    let times: [Double?] = [created, row[4], row[5], row[6]]
                    return ExperimentInfo(id: row[0], name: row[1], created: created, deleted: row[3],
                                          lastActivity: times.compactMap { $0 }.max() ?? created)
                }
        }
    }

    /// The soft-deletion time of a run, nil when it is live; `runNotFound` when it does not exist.
    public func runDeletion(_ run: RunID) throws -> Double? {
        try read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT deleted FROM runs WHERE id = ?", arguments: [run.rawValue]) else {
                throw TrackingError.runNotFound(prefix: run.rawValue)
            }
            return row[0]
        }
    }
}
