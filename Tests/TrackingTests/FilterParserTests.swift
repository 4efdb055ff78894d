import Testing
@testable import Tracking

@Suite struct FilterParserTests {
    @Test func andBindsTighterThanOr() throws {
        let query = try FilterParser.parse("metrics.a < 1 or metrics.b < 2 and params.m = 'x'")
        guard case .or(_, .and) = query.expression else {
            Issue.record("expected a or (b and m), got \(String(describing: query.expression))")
            return
        }
    }

    @Test func parenthesesOverridePrecedence() throws {
        let query = try FilterParser.parse("(metrics.a < 1 or metrics.b < 2) and params.m = 'x'")
        guard case .and(.or, .comparison) = query.expression else {
            Issue.record("expected (a or b) and m, got \(String(describing: query.expression))")
            return
        }
    }

    @Test func mlflowStyleExpressionWithOrderAndLimit() throws {
        let query = try FilterParser.parse("metrics.mae_15m < 0.05 AND params.model = 'lstm' and tags.metric = \"cpu\" order by metrics.mae_15m desc, attributes.start_time limit 5")
        #expect(query.keys.map(\.description) == ["metrics.mae_15m", "params.model", "tags.metric", "attributes.start_time"])
        #expect(query.order.map(\.descending) == [true, false])
        #expect(query.limit == 5)
    }

    @Test func quotedKeysAndAliases() throws {
        let query = try FilterParser.parse("metric.`val loss` <= -1e-3 and attr.run_name = 'a''b'")
        guard case .and(.comparison(let left), .comparison(let right)) = query.expression else {
            Issue.record("unexpected shape")
            return
        }
        #expect(left.key == FilterKey(namespace: .metric, name: "val loss"))
        #expect(left.value == .number(-0.001))
        #expect(right.key == FilterKey(namespace: .attribute, name: "name"))
        #expect(right.value == .string("a'b"))
    }

    /// (expression, 1-based column the error must point at)
    @Test(arguments: [
        ("metrics.mae < ", 15),
        ("metrics.mae << 3", 14),
        ("metrics.mae < 'low'", 15),
        ("params.model < 'x'", 1),
        ("mae < 3", 1),
        ("metric.mae < 1 and (params.m = 'x'", 35),
        ("metrics.mae < 1 params.m = 'x'", 17),
        ("attributes.colour = 'red'", 1),
        ("attributes.status = 'DONE'", 21),
        ("params.model = 'unterminated", 16),
        ("metrics.mae < 1 limit 0", 23),
        ("metrics.mae ; DROP TABLE runs", 13),
        ("params.model in 'x'", 17),
        ("params.model = lstm", 16),
    ])
    func syntaxErrorsPointAtTheColumn(expression: String, column: Int) {
        do {
            _ = try FilterParser.parse(expression)
            Issue.record("'\(expression)' parsed but should not")
        } catch let error as FilterError {
            #expect(error.column == column, "\(error)")
            #expect(error.description.contains("column \(column)"))
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func caretSitsUnderTheOffendingCharacter() {
        let error = FilterError(expression: "metrics.mae << 3", column: 14, message: "m")
        let lines = error.description.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[1] == "  metrics.mae << 3")
        #expect(lines[2] == "               ^")
    }

    @Test func orderByErrorsAreOrderingErrors() {
        #expect(throws: FilterError(expression: "metrics.mae sideways", column: 13,
                                    message: "expected ',' or the end of the ordering but found 'sideways'", part: .ordering)) {
            try FilterParser.parseOrder("metrics.mae sideways")
        }
        do {
            _ = try FilterParser.parseOrder("mae")
            Issue.record("'mae' parsed as an ordering")
        } catch {
            #expect("\(error)".hasPrefix("Ordering error at column 1: 'mae' needs a prefix"))
        }
        // An ordering inside a filter is part of the filter.
        #expect(throws: FilterError.self) { try FilterParser.parse("metrics.a < 1 order by mae") }
        do {
            _ = try FilterParser.parse("metrics.a < 1 order by mae")
        } catch {
            #expect("\(error)".hasPrefix("Filter error"))
        }
    }

    @Test func likePatternsBecomeCaseSensitiveGlobs() {
        #expect(FilterSQLCompiler.globPattern(fromLike: "lstm%") == "lstm*")
        #expect(FilterSQLCompiler.globPattern(fromLike: "a_b*[c?") == "a?b[*][[]c[?]")
    }
}
