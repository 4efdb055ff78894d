import GRDB

/// Which metric, param and tag keys exist, so a filter, ordering or comparison on a key that no
/// run has is reported (with the closest existing keys) instead of quietly matching nothing.
extension Registry {
    /// Throws `TrackingError.unknownKey` for the first metric/param/tag key of `query` that no run
    /// has. A key named only in the ordering is reported as an ordering key.
    func requireKeysExist(_ query: FilterQuery) throws {
        let filterKeys = Set(query.expression.map { FilterQuery(expression: $0, order: [], limit: nil).keys } ?? [])
        let keys = query.keys.filter { $0.namespace != .attribute }
        if keys.isEmpty { return }
        try read { db in
            for key in keys where try !Self.keyExists(key.namespace, key.name, db) {
                throw try Self.unknownKey(key, use: filterKeys.contains(key) ? .filter : .ordering, db)
            }
        }
    }

    /// The error for `key`, which no run has: the close matches among the keys of its kind, and
    /// the same name under another kind (params.mae_15m when metrics.mae_15m was meant).
    static func unknownKey(_ key: FilterKey, use: KeyUse, _ db: Database) throws -> TrackingError {
        let existing = try distinctKeys(key.namespace, db)
        var closest = existing.closeMatches(to: key.name).map { "\(key.namespace.rawValue).\($0)" }
        for other in [FilterKey.Namespace.metric, .param, .tag] where other != key.namespace {
            if try keyExists(other, key.name, db) { closest.append("\(other.rawValue).\(key.name)") }
        }
        return .unknownKey(key: key.description, use: use, closest: closest,
                           existing: existing.map { "\(key.namespace.rawValue).\($0)" })
    }

    static func keyExists(_ namespace: FilterKey.Namespace, _ name: String, _ db: Database) throws -> Bool {
        guard let table = keyTable(namespace) else { return true }
        return try Int.fetchOne(db, sql: "SELECT 1 FROM \(table) WHERE key = ? LIMIT 1", arguments: [name]) != nil
    }

    static func distinctKeys(_ namespace: FilterKey.Namespace, _ db: Database) throws -> [String] {
        guard let table = keyTable(namespace) else { return [] }
        return try String.fetchAll(db, sql: "SELECT DISTINCT key FROM \(table) ORDER BY key")
    }

    /// The table holding a namespace's keys; nil for attributes, which every run has.
    private static func keyTable(_ namespace: FilterKey.Namespace) -> String? {
        switch namespace {
        case .metric: return "latest_metrics"
        case .param: return "params"
        case .tag: return "tags"
        case .attribute: return nil
        }
    }
}
