import Foundation
import GRDB

/// What `runs list` asks for. `filter` may itself end in `order by …` and `limit N`;
/// `orderBy` and `limit` given here come after / take precedence.
public struct RunSearch: Sendable, Equatable {
    public var experiment: String?
    public var filter: String?
    public var orderBy: String?
    public var limit: Int?
    public var statuses: [RunStatus]
    /// Fill each run's `params`, `tags` and latest `metrics` completely (what `runs list --json`
    /// prints), not only the keys the filter and ordering mention.
    public var details: Bool
    /// Live runs only (the default), soft-deleted runs only, or both.
    public var deletion: DeletionView

    public init(experiment: String? = nil, filter: String? = nil, orderBy: String? = nil, limit: Int? = nil,
                statuses: [RunStatus] = [], details: Bool = false, deletion: DeletionView = .live) {
        self.experiment = experiment
        self.filter = filter
        self.orderBy = orderBy
        self.limit = limit
        self.statuses = statuses
        self.details = details
        self.deletion = deletion
    }
}

/// Which runs a search sees by their soft deletion (MLflow's `run_view_type`).
public enum DeletionView: String, Sendable, Equatable {
    case live, deleted, all

    var condition: String? {
        switch self {
        case .live: return "r.deleted IS NULL"
        case .deleted: return "r.deleted IS NOT NULL"
        case .all: return nil
        }
    }
}

/// One line of `runs list`: the run's attributes plus the values of every metric, param and
/// tag the filter or ordering mentioned (`columns`) — or all of them with `RunSearch.details`.
public struct RunSummary: Codable, Sendable, Equatable {
    public var id: RunID
    public var name: String
    public var experiment: String
    public var status: RunStatus
    public var startTime: Double
    public var endTime: Double?
    public var parent: RunID?
    public var metrics: [String: Double]
    public var params: [String: String]
    public var tags: [String: String]
}

public struct RunList: Codable, Sendable, Equatable {
    /// The metric/param/tag keys shown as extra columns, e.g. "metrics.mae".
    public var columns: [String]
    public var runs: [RunSummary]
}

extension Registry {
    public func searchRuns(_ search: RunSearch) throws -> RunList {
        try searchRuns(search, page: nil).list
    }

    /// `searchRuns`, or with `page` one page of it: runs `offset ..< offset + size` of the
    /// ordering and `count`, how many runs the search selects (capped by its `limit`). A search
    /// with a filter or statuses counts at most `page.countCap` + 1 runs (`exact` false beyond:
    /// counting every match of a broad filter costs more than the page); without, the count is
    /// one indexed `count(*)` and exact. With an exact count a page past the middle is read in the
    /// reversed ordering from the end (`LIMIT ? OFFSET count − offset − size`) and flipped, so the
    /// last page costs what the first does.
    func searchRuns(_ search: RunSearch, page: (offset: Int, size: Int, countCap: Int)?) throws -> (list: RunList, count: (total: Int, exact: Bool)?) {
        var query = try search.filter.map(FilterParser.parse) ?? FilterQuery(expression: nil, order: [], limit: nil)
        if let orderBy = search.orderBy, !orderBy.trimmingCharacters(in: .whitespaces).isEmpty {
            query.order = try FilterParser.parseOrder(orderBy) + query.order
        }
        if let limit = search.limit { query.limit = limit }
        if let experiment = search.experiment { try requireExperiment(experiment) }
        try requireKeysExist(query)
        let cutoff = staleCutoff(now: clock.now())
        var compiler = FilterSQLCompiler(staleCutoff: cutoff)
        let shown = query.keys.filter { $0.namespace != .attribute }
        for key in shown { _ = compiler.alias(for: key) }
        let fromWhere = Self.fromWhere(search, query, &compiler)
        var select: SQL = "SELECT r.id, r.name, e.name, " + compiler.statusExpression + ", r.start_time, r.end_time, r.parent_id"
        for index in shown.indices {
            select += SQL(sql: shown[index].namespace == .metric ? ", k\(index).value, k\(index).is_nan" : ", k\(index).value, NULL")
        }
        // The count joins only the keys the filter needs, not the shown or ordering columns.
        var counter = FilterSQLCompiler(staleCutoff: cutoff)
        let matching = Self.fromWhere(search, query, &counter)
        let countCap: Int? = query.expression == nil && search.statuses.isEmpty ? nil : page?.countCap
        let counting = countCap.map { SQLRequest<Int>(literal: "SELECT count(*) FROM (SELECT 1" + matching + SQL(sql: " LIMIT ?)", arguments: [$0 + 1])) }
            ?? SQLRequest<Int>(literal: "SELECT count(*)" + matching)
        let forward = compiler.ordering(query.order), backward = compiler.ordering(query.order, reversed: true)
        // An ordering that starts with a metric is paged from the metric's index (`metricOrderedPage`).
        let metricFirst = query.order.first.flatMap { $0.key.namespace == .metric ? $0.key : nil }
        let metricValue = metricFirst.map { SQL(sql: compiler.alias(for: $0) + ".value") }
        var metricCounter = FilterSQLCompiler(staleCutoff: cutoff)
        let metricCounting = metricFirst.map { Self.fromWhere(search, query, &metricCounter, requiringMetric: $0) }

        let (runs, count) = try read { db -> ([RunSummary], (total: Int, exact: Bool)?) in
            var sql = select + fromWhere
            var count: (total: Int, exact: Bool)?
            var flip = false
            if let page {
                let all = try Int.fetchOne(db, counting) ?? 0
                let exact = all <= (countCap ?? Int.max) || (query.limit ?? Int.max) <= all
                let total = min(all, query.limit ?? all)
                count = (total, exact)
                let size = exact ? max(0, min(page.size, total - page.offset)) : page.size
                flip = exact && page.offset > all / 2
                if !flip, let metricValue, let metricCounting {
                    let runs = try Self.metricOrderedPage(select: select, fromWhere: fromWhere, forward: forward, metric: metricValue,
                                                          counting: metricCounting, offset: page.offset, size: size, db)
                        .map { Self.summary($0, shown: shown) }
                    return (search.details ? try Self.withDetails(runs, db) : runs, count)
                }
                sql += " ORDER BY " + (flip ? backward : forward)
                sql += SQL(sql: " LIMIT ? OFFSET ?", arguments: [size, flip ? max(0, all - page.offset - size) : page.offset])
            } else {
                sql += " ORDER BY " + forward
                if let limit = query.limit { sql += SQL(sql: " LIMIT ?", arguments: [limit]) }
            }
            var runs = try Row.fetchAll(db, SQLRequest<Row>(literal: sql)).map { row in Self.summary(row, shown: shown) }
            if flip { runs.reverse() }
            return (search.details ? try Self.withDetails(runs, db) : runs, count)
        }
        return (RunList(columns: shown.map(\.description), runs: runs), count)
    }

    /// One page of an ordering whose first term is a metric, in two parts that SQLite can read
    /// from the `latest_metrics(key, value, run)` index instead of sorting every run: the runs
    /// that have the metric (`value >= -inf`, which lets the planner walk the index in value
    /// order and stop after the page) come first in the ordering — missing and NaN sort last in
    /// both directions —, then, when the page reaches past them, the runs without it (counted
    /// with `counting`, the filter's joins plus the metric's).
    static func metricOrderedPage(select: SQL, fromWhere: SQL, forward: SQL, metric: SQL, counting: SQL,
                                  offset: Int, size: Int, _ db: Database) throws -> [Row] {
        let having = select + fromWhere + " AND " + metric + SQL(sql: " >= ? ORDER BY ", arguments: [-Double.infinity]) + forward
        var rows = try Row.fetchAll(db, SQLRequest<Row>(literal: having + SQL(sql: " LIMIT ? OFFSET ?", arguments: [size, offset])))
        guard rows.count < size else { return rows }
        let withMetric = try Int.fetchOne(db, SQLRequest<Int>(literal: "SELECT count(*)" + counting)) ?? 0
        let lacking = select + fromWhere + " AND " + metric + " IS NULL ORDER BY " + forward
        rows += try Row.fetchAll(db, SQLRequest<Row>(literal: lacking + SQL(sql: " LIMIT ? OFFSET ?", arguments: [size - rows.count, max(0, offset - withMetric)])))
        return rows
    }

    /// ` FROM runs r JOIN experiments e … WHERE …` of `search`, joining the keys through `compiler`;
    /// with `requiringMetric`, only runs that have that metric with a number (not NaN).
    static func fromWhere(_ search: RunSearch, _ query: FilterQuery, _ compiler: inout FilterSQLCompiler,
                          requiringMetric: FilterKey? = nil) -> SQL {
        var conditions: [SQL] = [SQL(sql: "e.deleted IS NULL")]
        if let requiringMetric { conditions.append(SQL(sql: compiler.alias(for: requiringMetric) + ".value IS NOT NULL")) }
        if let deletion = search.deletion.condition { conditions.append(SQL(sql: deletion)) }
        if let expression = query.expression { conditions.append(compiler.condition(expression)) }
        if let experiment = search.experiment { conditions.append(SQL(sql: "e.name = ?", arguments: [experiment])) }
        if !search.statuses.isEmpty {
            let placeholders = Array(repeating: "?", count: search.statuses.count).joined(separator: ", ")
            conditions.append(compiler.statusExpression + SQL(sql: " IN (\(placeholders))", arguments: StatementArguments(search.statuses.map(\.rawValue))))
        }
        return " FROM runs r JOIN experiments e ON e.id = r.experiment_id" + compiler.joins + " WHERE " + conditions.joined(separator: " AND ")
    }

    static func summary(_ row: Row, shown: [FilterKey]) -> RunSummary {
        var summary = RunSummary(
            id: RunID(trusted: row[0]), name: row[1], experiment: row[2],
            status: RunStatus(rawValue: row[3]) ?? .running, startTime: row[4], endTime: row[5],
            parent: (row[6] as String?).map { RunID(trusted: $0) }, metrics: [:], params: [:], tags: [:])
        for (index, key) in shown.enumerated() {
            let column = 7 + 2 * index
            switch key.namespace {
            case .metric:
                let isNaN: Bool? = row[column + 1]
                if isNaN == true { summary.metrics[key.name] = .nan } else if let value: Double = row[column] { summary.metrics[key.name] = value }
            case .param: summary.params[key.name] = row[column]
            case .tag: summary.tags[key.name] = row[column]
            case .attribute: break
            }
        }
        return summary
    }

    /// `runs` with every param, tag and latest metric filled in, read a few hundred runs at a time.
    static func withDetails(_ runs: [RunSummary], _ db: Database) throws -> [RunSummary] {
        var result = runs
        var position: [String: Int] = [:]
        for (index, run) in runs.enumerated() { position[run.id.rawValue] = index }
        let chunkSize = 500
        for start in stride(from: 0, to: runs.count, by: chunkSize) {
            let ids = runs[start..<min(runs.count, start + chunkSize)].map(\.id.rawValue)
            let placeholders = Array(repeating: "?", count: ids.count).joined(separator: ", ")
            let arguments = StatementArguments(ids)
            for table in [KeyValueTable.params, .tags] {
                for row in try Row.fetchAll(db, sql: """
                    SELECT r.id, t.key, t.value FROM \(table.rawValue) t JOIN runs r ON r.seq = t.run WHERE r.id IN (\(placeholders))
                    """, arguments: arguments) {
                    guard let index = position[row[0]] else { continue }
                    let key: String = row[1], value: String = row[2]
                    if table == .params { result[index].params[key] = value } else { result[index].tags[key] = value }
                }
            }
            for row in try Row.fetchAll(db, sql: """
                SELECT r.id, m.key, m.value, m.is_nan FROM latest_metrics m JOIN runs r ON r.seq = m.run WHERE r.id IN (\(placeholders))
                """, arguments: arguments) {
                guard let index = position[row[0]] else { continue }
                let key: String = row[1], isNaN: Bool = row[3]
                let value: Double = isNaN ? .nan : row[2]
                result[index].metrics[key] = value
            }
        }
        return result
    }

    /// Throws `experimentNotFound` (with close matches) unless a live experiment has this name.
    func requireExperiment(_ name: String) throws {
        let names = try read { db in try String.fetchAll(db, sql: "SELECT name FROM experiments WHERE deleted IS NULL ORDER BY name") }
        if !names.contains(name) {
            throw TrackingError.experimentNotFound(name: name, closeMatches: names.closeMatches(to: name))
        }
    }

    /// Soft-deletes an experiment: its runs disappear from listings but nothing is erased.
    public func deleteExperiment(_ name: String) throws {
        let now = clock.now()
        try write { db in
            try db.execute(sql: "UPDATE experiments SET deleted = ? WHERE name = ? AND deleted IS NULL", arguments: [now, name])
            if db.changesCount == 0 { throw TrackingError.experimentNotFound(name: name, closeMatches: []) }
        }
    }
}
