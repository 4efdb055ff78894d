import GRDB

/// `INSERT … VALUES (…), (…), … [ON CONFLICT …]` over many rows, at most `chunkSize` rows per
/// statement: one statement execution instead of one per row (the statement is cached per size).
struct MultiRowInsert: Sendable {
    let columns: Int
    /// The statement text for 1…`chunkSize` rows (index n − 1), built once.
    private let sqlByRowCount: [String]
    static let chunkSize = 100

    /// `head` is "INSERT INTO table(a, b, c) VALUES ", `tail` " ON CONFLICT …" or "".
    init(head: String, tail: String, columns: Int) {
        self.columns = columns
        let placeholder = "(" + repeatElement("?", count: columns).joined(separator: ", ") + ")"
        sqlByRowCount = (1...Self.chunkSize).map { head + repeatElement(placeholder, count: $0).joined(separator: ", ") + tail }
    }

    /// Inserts `rows` (each `columns` values) and returns how many rows changed.
    @discardableResult
    func execute(_ rows: [[DatabaseValue]], _ db: Database) throws -> Int {
        var changed = 0
        var start = 0
        while start < rows.count {
            let end = min(rows.count, start + Self.chunkSize)
            let statement = try db.cachedStatement(sql: sqlByRowCount[end - start - 1])
            var values: [DatabaseValue] = []
            values.reserveCapacity((end - start) * columns)
            for row in rows[start..<end] { values += row }
            statement.setUncheckedArguments(StatementArguments(values))
            try statement.execute()
            changed += db.changesCount
            start = end
        }
        return changed
    }

    static let metrics = MultiRowInsert(
        head: "INSERT INTO metrics(run, key, step, timestamp, value, is_nan) VALUES ", tail: "", columns: 6)

    /// Moves a key's latest value only forward: a higher step, or the same step at a later or equal time.
    static let latestMetrics = MultiRowInsert(
        head: "INSERT INTO latest_metrics(run, key, step, timestamp, value, is_nan) VALUES ",
        tail: """
         ON CONFLICT(run, key) DO UPDATE SET
            step = excluded.step, timestamp = excluded.timestamp, value = excluded.value, is_nan = excluded.is_nan
        WHERE excluded.step > latest_metrics.step
           OR (excluded.step = latest_metrics.step AND excluded.timestamp >= latest_metrics.timestamp)
        """,
        columns: 6)

    /// Params are write-once: an existing key is left alone (the caller then compares values).
    static let params = MultiRowInsert(head: "INSERT INTO params(run, key, value) VALUES ", tail: " ON CONFLICT DO NOTHING", columns: 3)

    static let tags = MultiRowInsert(
        head: "INSERT INTO tags(run, key, value) VALUES ", tail: " ON CONFLICT(run, key) DO UPDATE SET value = excluded.value", columns: 3)
}
