import Tracking

/// `kind: select`: the best of the runs the stages it needs produced, by a validation
/// metric (`best: min metrics.val_mase_15m`), among those that pass `filter` (the
/// `runs list --filter` language, parsed here so a bad filter is found before anything runs).
public struct SelectStage: Sendable, Equatable {
    public var objective: SelectionObjective
    /// The filter as written, and parsed.
    public var filter: String?
    public var filterQuery: FilterQuery?

    public init(objective: SelectionObjective, filter: String? = nil, filterQuery: FilterQuery? = nil) {
        self.objective = objective
        self.filter = filter
        self.filterQuery = filterQuery
    }

    enum Key: String, CaseIterable {
        case kind, needs, foreach, matrix
        case best, filter
    }

    /// Every bad key is recorded; nil when any was.
    static func decode(_ m: ConfigMapping<Key>, diagnostics d: inout SpecDiagnostics) -> SelectStage? {
        let objective = d.check { () throws(ConfigError) in try parseObjective(m) }
        let filter = d.check { () throws(ConfigError) in try parseFilter(m) }
        guard let objective, let filter else { return nil }
        return SelectStage(objective: objective, filter: filter?.text, filterQuery: filter?.query)
    }

    /// `best:` parsed.
    private static func parseObjective(_ m: ConfigMapping<Key>) throws(ConfigError) -> SelectionObjective {
        let text = try m.requiredString(.best, example: "best: min metrics.val_mase_15m")
        do {
            return try SelectionObjective(parsing: text)
        } catch {
            throw m.error(.refused(value: "\"\(text)\"", reason: error.reason), .best)
        }
    }

    /// `filter:` as written and parsed, or nil when absent.
    private static func parseFilter(_ m: ConfigMapping<Key>) throws(ConfigError) -> (text: String, query: FilterQuery)? {
        guard let filter = try m.string(.filter, default: nil).value else { return nil }
        do {
            return (filter, try FilterParser.parse(filter))
        } catch let error as FilterError {
            throw m.error(.refused(value: "\"\(filter)\"", reason: "\(error.message) at column \(error.column) of the filter; write it as for `runs list --filter`, e.g. params.model != 'naive'"), .filter)
        } catch {
            throw m.error(.refused(value: "\"\(filter)\"", reason: "\(error); write it as for `runs list --filter`"), .filter)
        }
    }
}

/// `min metrics.val_mase_15m`: which way is better, and the metric, which must be a
/// validation metric (`val_…`) so that the test part is never optimised on.
public struct SelectionObjective: Sendable, Hashable, CustomStringConvertible {
    public enum Direction: String, CaseIterable, Sendable {
        case min, max
    }

    public var direction: Direction
    /// The metric key without `metrics.`, e.g. `val_mase_15m`.
    public var metric: String

    public init(direction: Direction, metric: String) {
        self.direction = direction
        self.metric = metric
    }

    public var description: String { "\(direction.rawValue) metrics.\(metric)" }

    struct ParseError: Error {
        let reason: String
    }

    init(parsing text: String) throws(ParseError) {
        let words = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        let example = "write `min metrics.val_mase_15m` or `max metrics.val_r2_15m`"
        guard words.count == 2 else { throw ParseError(reason: "expected a direction and a metric; \(example)") }
        guard let direction = Direction(rawValue: words[0]) else {
            throw ParseError(reason: "the direction is min or max, not \"\(words[0])\"; \(example)")
        }
        guard words[1].hasPrefix("metrics."), words[1].count > "metrics.".count else {
            throw ParseError(reason: "\"\(words[1])\" is not a metric key; \(example)")
        }
        let metric = String(words[1].dropFirst("metrics.".count))
        guard metric.hasPrefix("val_") else {
            throw ParseError(reason: "selection reads validation metrics so that the test part stays an honest estimate; write metrics.val_\(metric)")
        }
        self.direction = direction
        self.metric = metric
    }
}
