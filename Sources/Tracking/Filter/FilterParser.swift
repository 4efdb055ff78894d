/// Recursive-descent parser for the search language:
///
///     query      := [or-expr] ["order" "by" term ("," term)*] ["limit" integer]
///     or-expr    := and-expr ("or" and-expr)*
///     and-expr   := primary ("and" primary)*
///     primary    := "(" or-expr ")" | key operator value
///     key        := ("metrics" | "params" | "tags" | "attributes") "." (name | `quoted name` | "quoted name")
///     operator   := = | != | <> | < | <= | > | >= | [not] like | [not] ilike | [not] in
///     value      := number | nan | inf | -inf | 'string' | "string" | "(" value ("," value)* ")"
///
/// Keywords are case-insensitive. Type rules (checked here, so errors carry the column):
/// metrics compare with numbers; params, tags and text attributes with strings.
public enum FilterParser {
    public static func parse(_ text: String) throws -> FilterQuery {
        var parser = try Cursor(text: text)
        var query = FilterQuery(expression: nil, order: [], limit: nil)
        if !parser.atKeyword("order"), !parser.atKeyword("limit"), !parser.atEnd {
            query.expression = try parser.orExpression()
        }
        if parser.atKeyword("order") {
            parser.advance()
            try parser.expectKeyword("by")
            query.order = try parser.orderTerms()
        }
        if parser.atKeyword("limit") {
            parser.advance()
            query.limit = try parser.limitValue()
        }
        try parser.expectEnd()
        return query
    }

    /// Parses an order-by list alone: `metrics.mae desc, attributes.start_time`. Its errors are
    /// `FilterError`s of part `.ordering`, so they read "Ordering error at column …".
    public static func parseOrder(_ text: String) throws -> [OrderTerm] {
        do {
            var parser = try Cursor(text: text)
            let terms = try parser.orderTerms()
            guard parser.atEnd else {
                throw parser.fail(parser.current.column, "expected ',' or the end of the ordering but found \(parser.describe(parser.current))")
            }
            return terms
        } catch let error as FilterError {
            var ordering = error
            ordering.part = .ordering
            throw ordering
        }
    }
}

private struct Cursor {
    let text: String
    let tokens: [FilterToken]
    var index = 0

    init(text: String) throws {
        self.text = text
        self.tokens = try FilterLexer.tokenize(text)
    }

    var current: FilterToken { tokens[index] }
    var atEnd: Bool { current.kind == .end }
    mutating func advance() { if index < tokens.count - 1 { index += 1 } }

    func fail(_ column: Int, _ message: String) -> FilterError {
        FilterError(expression: text, column: column, message: message)
    }

    func atKeyword(_ keyword: String) -> Bool {
        if case .word(let word) = current.kind { return word.lowercased() == keyword }
        return false
    }

    func atSymbol(_ symbol: String) -> Bool { current.kind == .symbol(symbol) }

    mutating func expectKeyword(_ keyword: String) throws {
        guard atKeyword(keyword) else { throw fail(current.column, "expected '\(keyword)' but found \(describe(current))") }
        advance()
    }

    func expectEnd() throws {
        guard atEnd else {
            throw fail(current.column, "expected 'and', 'or', 'order by', 'limit' or the end but found \(describe(current))")
        }
    }

    mutating func orExpression() throws -> FilterExpression {
        var left = try andExpression()
        while atKeyword("or") {
            advance()
            left = .or(left, try andExpression())
        }
        return left
    }

    mutating func andExpression() throws -> FilterExpression {
        var left = try primary()
        while atKeyword("and") {
            advance()
            left = .and(left, try primary())
        }
        return left
    }

    mutating func primary() throws -> FilterExpression {
        if atSymbol("(") {
            let open = current.column
            advance()
            let inner = try orExpression()
            guard atSymbol(")") else {
                throw fail(current.column, "expected ')' to close the '(' at column \(open) but found \(describe(current))")
            }
            advance()
            return inner
        }
        return .comparison(try comparison())
    }

    mutating func comparison() throws -> Comparison {
        let keyColumn = current.column
        let key = try self.key()
        let op = try self.comparisonOperator(after: key)
        let valueColumn = current.column
        let value = try self.value(allowList: op.isMembership)
        try FilterTypeRules.check(key: key, op: op, value: value, valueColumn: valueColumn, keyColumn: keyColumn, fail: fail)
        return Comparison(key: key, op: op, value: value, keyColumn: keyColumn, valueColumn: valueColumn)
    }

    mutating func key() throws -> FilterKey {
        let column = current.column
        guard case .word(let word) = current.kind else {
            throw fail(column, "expected a key such as metrics.mae or params.model but found \(describe(current))")
        }
        advance()
        guard let dot = word.firstIndex(of: ".") else {
            throw fail(column, "'\(word)' needs a prefix: write metrics.\(word), params.\(word), tags.\(word) or attributes.\(word)")
        }
        let prefix = String(word[..<dot])
        guard let namespace = FilterTypeRules.namespace(prefix) else {
            throw fail(column, "unknown prefix '\(prefix)'; use metrics, params, tags or attributes")
        }
        var name = String(word[word.index(after: dot)...])
        if name.isEmpty {
            switch current.kind {
            case .string(let quoted), .backticked(let quoted): name = quoted; advance()
            default: throw fail(current.column, "expected a key name after '\(word)'")
            }
        }
        if namespace == .attribute {
            guard let canonical = FilterTypeRules.attribute(name) else {
                throw fail(column, "unknown attribute '\(name)'; known attributes: \(FilterTypeRules.attributeNames.joined(separator: ", "))")
            }
            name = canonical
        }
        return FilterKey(namespace: namespace, name: name)
    }

    mutating func comparisonOperator(after key: FilterKey) throws -> ComparisonOperator {
        let column = current.column
        switch current.kind {
        case .symbol(let symbol):
            if let op = ComparisonOperator(rawValue: symbol) { advance(); return op }
        case .word(let word):
            switch word.lowercased() {
            case "like": advance(); return .like
            case "ilike": advance(); return .ilike
            case "in": advance(); return .in
            case "not":
                advance()
                switch current.kind {
                case .word(let next) where next.lowercased() == "like": advance(); return .notLike
                case .word(let next) where next.lowercased() == "ilike": advance(); return .notIlike
                case .word(let next) where next.lowercased() == "in": advance(); return .notIn
                default: throw fail(current.column, "expected 'like', 'ilike' or 'in' after 'not'")
                }
            default: break
            }
        default: break
        }
        throw fail(column, "expected a comparison operator (=, !=, <, <=, >, >=, like, ilike, in) after '\(key)' but found \(describe(current))")
    }

    mutating func value(allowList: Bool) throws -> FilterValue {
        let token = current
        switch token.kind {
        case .number(let number): advance(); return .number(number)
        case .string(let string): advance(); return .string(string)
        case .word(let word) where ["nan", "inf", "infinity"].contains(word.lowercased()):
            advance()
            return .number(word.lowercased() == "nan" ? .nan : .infinity)
        case .symbol("(") where allowList:
            advance()
            var items: [FilterValue] = [try value(allowList: false)]
            while atSymbol(",") {
                advance()
                items.append(try value(allowList: false))
            }
            guard atSymbol(")") else { throw fail(current.column, "expected ',' or ')' in the list but found \(describe(current))") }
            advance()
            return .list(items)
        case .word(let word):
            throw fail(token.column, "expected a value but found the word '\(word)'; quote text values, e.g. '\(word)'")
        default:
            throw fail(token.column, "expected a value (a number or a quoted string) but found \(describe(token))")
        }
    }

    mutating func orderTerms() throws -> [OrderTerm] {
        var terms: [OrderTerm] = []
        repeat {
            if !terms.isEmpty { advance() }
            let column = current.column
            let key = try self.key()
            var descending = false
            if atKeyword("desc") { descending = true; advance() } else if atKeyword("asc") { advance() }
            terms.append(OrderTerm(key: key, descending: descending, column: column))
        } while atSymbol(",")
        return terms
    }

    mutating func limitValue() throws -> Int {
        guard case .number(let number) = current.kind, number >= 1, number == number.rounded(), number < 1e12 else {
            throw fail(current.column, "expected a positive whole number after 'limit' but found \(describe(current))")
        }
        advance()
        return Int(number)
    }

    func describe(_ token: FilterToken) -> String {
        switch token.kind {
        case .word(let w): return "'\(w)'"
        case .string(let s): return "the string '\(s)'"
        case .backticked(let s): return "`\(s)`"
        case .number(let n): return "the number \(n)"
        case .symbol(let s): return "'\(s)'"
        case .end: return "the end of the expression"
        }
    }
}
