import GRDB

extension Registry {
    /// The run whose id starts with `prefix` (like git: any unique prefix, case-insensitive).
    public func resolveRun(_ prefix: String) throws -> RunID {
        let lower = prefix.lowercased()
        guard !lower.isEmpty, lower.count <= 32, lower.allSatisfy(\.isLowercaseHexDigit) else {
            throw TrackingError.invalidRunID(prefix)
        }
        let matches = try read { db in
            // Ids are lowercase hex, so every id with this prefix lies in [prefix, prefix + "g").
            try String.fetchAll(db, sql: "SELECT id FROM runs WHERE id >= ? AND id < ? ORDER BY id LIMIT 6",
                                arguments: [lower, lower + "g"])
        }
        guard let first = matches.first else { throw TrackingError.runNotFound(prefix: prefix) }
        guard matches.count == 1 else {
            throw TrackingError.ambiguousRunPrefix(prefix: prefix, candidates: matches.map { String($0.prefix(12)) })
        }
        return RunID(trusted: first)
    }
}
