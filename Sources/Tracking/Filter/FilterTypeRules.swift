/// Which keys exist and which values they compare with.
enum FilterTypeRules {
    enum AttributeType { case text, number, status }

    /// Canonical attribute names with their types; aliases map onto them.
    static let attributes: [String: AttributeType] = [
        "id": .text, "name": .text, "status": .status, "experiment": .text, "parent": .text,
        "source_file": .text, "source_hash": .text,
        "start_time": .number, "end_time": .number, "heartbeat": .number, "seed": .number,
    ]
    static let attributeAliases: [String: String] = [
        "run_id": "id", "run_name": "name", "experiment_name": "experiment",
        "parent_id": "parent", "parent_run_id": "parent", "created": "start_time",
    ]
    static var attributeNames: [String] { attributes.keys.sorted() }

    static func namespace(_ prefix: String) -> FilterKey.Namespace? {
        switch prefix.lowercased() {
        case "metrics", "metric": return .metric
        case "params", "param", "parameters", "parameter": return .param
        case "tags", "tag": return .tag
        case "attributes", "attribute", "attr", "run": return .attribute
        default: return nil
        }
    }

    static func attribute(_ name: String) -> String? {
        let lower = name.lowercased()
        if attributes[lower] != nil { return lower }
        return attributeAliases[lower]
    }

    static func isNumeric(_ key: FilterKey) -> Bool {
        switch key.namespace {
        case .metric: return true
        case .param, .tag: return false
        case .attribute: return attributes[key.name] == .number
        }
    }

    static func check(
        key: FilterKey, op: ComparisonOperator, value: FilterValue, valueColumn: Int, keyColumn: Int,
        fail: (Int, String) -> FilterError
    ) throws {
        let items: [FilterValue]
        if case .list(let list) = value { items = list } else { items = [value] }
        if op.isMembership, case .list = value {} else if op.isMembership {
            throw fail(valueColumn, "'\(op.rawValue.lowercased())' needs a parenthesised list, e.g. ('a', 'b')")
        }
        if isNumeric(key) {
            if op.isPattern {
                throw fail(keyColumn, "'\(key)' is a number; '\(op.rawValue.lowercased())' applies to text keys only")
            }
            for item in items {
                guard case .number(let number) = item else {
                    throw fail(valueColumn, "'\(key)' is a number, so compare it with a number, not a string")
                }
                if number.isNaN && !(op == .equal || op == .notEqual) {
                    throw fail(valueColumn, "NaN is unordered; use '\(key) = nan' or '\(key) != nan'")
                }
            }
        } else {
            if op.isOrdering {
                throw fail(keyColumn, "'\(key)' is text; use =, !=, like, ilike or in (ordering applies to metrics and times)")
            }
            for item in items {
                guard case .string(let string) = item else {
                    throw fail(valueColumn, "'\(key)' is text, so quote the value, e.g. '\(describeNumber(item))'")
                }
                if key.namespace == .attribute, attributes[key.name] == .status, !op.isPattern,
                   RunStatus(rawValue: string.uppercased()) == nil {
                    throw fail(valueColumn, "unknown status '\(string)'; use one of \(RunStatus.allCases.map(\.rawValue).joined(separator: ", "))")
                }
            }
        }
    }

    private static func describeNumber(_ value: FilterValue) -> String {
        if case .number(let n) = value { return n == n.rounded() && abs(n) < 1e15 ? String(Int64(n)) : String(n) }
        return "…"
    }
}
