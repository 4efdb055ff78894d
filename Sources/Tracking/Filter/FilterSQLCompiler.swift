import GRDB

/// Turns a parsed `FilterQuery` into parameterised SQL over
/// `runs r JOIN experiments e` plus one `LEFT JOIN` per metric, param or tag key it mentions.
///
/// Every user-supplied text — keys as well as values — is a bound argument; the SQL text itself
/// is assembled only from fixed fragments, so no expression can inject SQL.
/// A run is matched only when the key exists: a missing metric (or a NaN one) is never `< x`.
struct FilterSQLCompiler {
    /// Runs still RUNNING whose heartbeat is older than this time are reported as KILLED.
    let staleCutoff: Double
    private(set) var joinedKeys: [FilterKey] = []

    init(staleCutoff: Double) { self.staleCutoff = staleCutoff }

    /// The table alias of a metric/param/tag key (`m0`, `p1`, …), joining it on first use.
    mutating func alias(for key: FilterKey) -> String {
        if let index = joinedKeys.firstIndex(of: key) { return "k\(index)" }
        joinedKeys.append(key)
        return "k\(joinedKeys.count - 1)"
    }

    /// `LEFT JOIN latest_metrics k0 ON k0.run = r.seq AND k0.key = ?` for each joined key.
    var joins: SQL {
        var sql = SQL(sql: "")
        for (index, key) in joinedKeys.enumerated() {
            let table: String
            switch key.namespace {
            case .metric: table = "latest_metrics"
            case .param: table = "params"
            case .tag: table = "tags"
            case .attribute: continue
            }
            sql += SQL(sql: " LEFT JOIN \(table) k\(index) ON k\(index).run = r.seq AND k\(index).key = ?", arguments: [key.name])
        }
        return sql
    }

    /// The effective status: RUNNING with a stale heartbeat reads as KILLED.
    var statusExpression: SQL {
        SQL(sql: "(CASE WHEN r.status = 'RUNNING' AND r.heartbeat < ? THEN 'KILLED' ELSE r.status END)", arguments: [staleCutoff])
    }

    mutating func valueExpression(_ key: FilterKey) -> SQL {
        switch key.namespace {
        case .metric, .param, .tag:
            return SQL(sql: "\(alias(for: key)).value")
        case .attribute:
            switch key.name {
            case "id": return SQL(sql: "r.id")
            case "name": return SQL(sql: "r.name")
            case "status": return statusExpression
            case "experiment": return SQL(sql: "e.name")
            case "parent": return SQL(sql: "r.parent_id")
            case "source_file": return SQL(sql: "r.source_file")
            case "source_hash": return SQL(sql: "r.source_hash")
            case "start_time": return SQL(sql: "r.start_time")
            case "end_time": return SQL(sql: "r.end_time")
            case "heartbeat": return SQL(sql: "r.heartbeat")
            default: return SQL(sql: "r.seed")
            }
        }
    }

    mutating func condition(_ expression: FilterExpression) -> SQL {
        switch expression {
        case .and(let a, let b): return "(" + condition(a) + " AND " + condition(b) + ")"
        case .or(let a, let b): return "(" + condition(a) + " OR " + condition(b) + ")"
        case .comparison(let comparison): return self.comparison(comparison)
        }
    }

    private mutating func comparison(_ c: Comparison) -> SQL {
        if c.key.namespace == .metric, case .number(let n) = c.value, n.isNaN {
            return SQL(sql: "\(alias(for: c.key)).is_nan = ?", arguments: [c.op == .equal ? 1 : 0])
        }
        let lhs = valueExpression(c.key)
        let isStatus = c.key.namespace == .attribute && c.key.name == "status"
        switch c.op {
        case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual:
            return lhs + SQL(sql: " \(c.op.rawValue) ?", arguments: [bind(c.value, uppercase: isStatus)])
        case .like, .notLike:
            guard case .string(let pattern) = c.value else { return lhs + " IS NULL" }
            let glob = SQL(sql: " GLOB ?", arguments: [Self.globPattern(fromLike: pattern)])
            return c.op == .like ? lhs + glob : "NOT (" + lhs + glob + ")"
        case .ilike, .notIlike:
            let like = SQL(sql: " LIKE ?", arguments: [bind(c.value, uppercase: false)])
            return c.op == .ilike ? lhs + like : "NOT (" + lhs + like + ")"
        case .in, .notIn:
            guard case .list(let items) = c.value else { return lhs + " IS NULL" }
            let placeholders = Array(repeating: "?", count: items.count).joined(separator: ", ")
            let values = StatementArguments(items.map { bind($0, uppercase: isStatus) })
            return lhs + SQL(sql: c.op == .in ? " IN (\(placeholders))" : " NOT IN (\(placeholders))", arguments: values)
        }
    }

    /// `ORDER BY` terms; missing or NaN metric values sort last in both directions. `reversed`
    /// gives the exact reverse (each direction and NULLS placement flipped), to read the end of
    /// an ordering from its end.
    mutating func ordering(_ terms: [OrderTerm], reversed: Bool = false) -> SQL {
        var parts: [SQL] = terms.map { term in
            let descending = term.descending != reversed
            return valueExpression(term.key) + SQL(sql: (descending ? " DESC" : " ASC") + (reversed ? " NULLS FIRST" : " NULLS LAST"))
        }
        parts.append(SQL(sql: reversed ? "r.start_time ASC" : "r.start_time DESC"))
        parts.append(SQL(sql: reversed ? "r.id DESC" : "r.id"))
        return parts.joined(separator: ", ")
    }

    private func bind(_ value: FilterValue, uppercase: Bool) -> DatabaseValue {
        switch value {
        case .number(let n): return n.databaseValue
        case .string(let s): return (uppercase ? s.uppercased() : s).databaseValue
        case .list: return .null
        }
    }

    /// MLflow's LIKE is case-sensitive, SQLite's is not; GLOB is. `%` → `*`, `_` → `?`,
    /// and GLOB's own metacharacters are bracketed so they match literally.
    static func globPattern(fromLike pattern: String) -> String {
        var glob = ""
        for character in pattern {
            switch character {
            case "%": glob += "*"
            case "_": glob += "?"
            case "*": glob += "[*]"
            case "?": glob += "[?]"
            case "[": glob += "[[]"
            default: glob.append(character)
            }
        }
        return glob
    }
}
