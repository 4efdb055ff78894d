/// What a filter key refers to: `metrics.mae`, `params.model`, `tags.metric`, `attributes.status`.
public struct FilterKey: Hashable, Sendable, CustomStringConvertible {
    public enum Namespace: String, Sendable {
        case metric = "metrics", param = "params", tag = "tags", attribute = "attributes"
    }
    public let namespace: Namespace
    public let name: String

    public var description: String { "\(namespace.rawValue).\(name)" }
}

/// A literal on the right of a comparison.
public enum FilterValue: Equatable, Sendable {
    case number(Double)
    case string(String)
    case list([FilterValue])
}

public enum ComparisonOperator: String, Sendable {
    case equal = "=", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
    case like = "LIKE", ilike = "ILIKE", notLike = "NOT LIKE", notIlike = "NOT ILIKE"
    case `in` = "IN", notIn = "NOT IN"

    var isOrdering: Bool { [.less, .lessOrEqual, .greater, .greaterOrEqual].contains(self) }
    var isPattern: Bool { [.like, .ilike, .notLike, .notIlike].contains(self) }
    var isMembership: Bool { self == .in || self == .notIn }
}

/// `key op value`, remembering where the key and the value start (1-based columns) for errors.
public struct Comparison: Equatable, Sendable {
    public let key: FilterKey
    public let op: ComparisonOperator
    public let value: FilterValue
    public let keyColumn: Int
    public let valueColumn: Int
}

/// A boolean combination of comparisons; `and` binds tighter than `or`.
public indirect enum FilterExpression: Equatable, Sendable {
    case comparison(Comparison)
    case and(FilterExpression, FilterExpression)
    case or(FilterExpression, FilterExpression)
}

public struct OrderTerm: Equatable, Sendable {
    public let key: FilterKey
    public let descending: Bool
    public let column: Int
}

/// A whole search: `EXPR [order by KEY [asc|desc], …] [limit N]`, each part optional.
public struct FilterQuery: Equatable, Sendable {
    public var expression: FilterExpression?
    public var order: [OrderTerm]
    public var limit: Int?

    /// Every key the query mentions, in first-mention order (used to pick table columns).
    public var keys: [FilterKey] {
        var seen: [FilterKey] = []
        func visit(_ e: FilterExpression) {
            switch e {
            case .comparison(let c): if !seen.contains(c.key) { seen.append(c.key) }
            case .and(let a, let b), .or(let a, let b): visit(a); visit(b)
            }
        }
        if let expression { visit(expression) }
        for term in order where !seen.contains(term.key) { seen.append(term.key) }
        return seen
    }
}
