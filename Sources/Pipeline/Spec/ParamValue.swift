import Yams

/// A value of `params:`, a `foreach` item or a matrix value: a YAML scalar as resolved
/// (integer, number, boolean or string) or a list of them.
public enum ParamValue: Sendable, Hashable, CustomStringConvertible {
    case string(String)
    case int(Int)
    case double(Double)
    case bool(Bool)
    case list([ParamValue])

    /// As written in a stage name or an embedded `${…}`: `cpu`, `3`, `0.5`, `true`, `[cpu, memory]`.
    public var description: String {
        switch self {
        case .string(let value): value
        case .int(let value): String(value)
        case .double(let value): "\(value)"
        case .bool(let value): String(value)
        case .list(let values): "[" + values.map(\.description).joined(separator: ", ") + "]"
        }
    }

    /// What the value is, for messages ("an integer", "a list").
    var typeName: String {
        switch self {
        case .string: "a string"
        case .int: "an integer"
        case .double: "a number"
        case .bool: "true or false"
        case .list: "a list"
        }
    }

    /// The value of a scalar or a list of scalars; nil for a null scalar (a parameter
    /// without a default). Mappings and nested lists are refused.
    static func decode(_ node: Node, keyPath: String, file: String, fallback: ConfigLocation) throws(ConfigError) -> ParamValue? {
        typealias M = ConfigMapping<PipelineSpec.Key>
        let here = M.location(of: node, file: file, fallback: fallback)
        switch node {
        case .scalar(let scalar):
            switch M.tagName(node) {
            case .null: return nil
            case .int: if let value = node.int { return .int(value) }
            case .float: if let value = node.float { return .double(value) }
            case .bool: if let value = node.bool { return .bool(value) }
            default: break
            }
            return .string(scalar.string)
        case .sequence(let sequence):
            var values: [ParamValue] = []
            for (i, element) in sequence.enumerated() {
                let path = "\(keyPath)[\(i)]"
                guard case .scalar = element,
                      let value = try decode(element, keyPath: path, file: file, fallback: here) else {
                    throw ConfigError(.wrongType(expected: "a scalar", got: M.describe(element), defaultValue: nil),
                                      keyPath: path, location: M.location(of: element, file: file, fallback: here))
                }
                values.append(value)
            }
            return .list(values)
        default:
            throw ConfigError(.wrongType(expected: "a scalar or a list of scalars", got: M.describe(node), defaultValue: nil),
                              keyPath: keyPath, location: here)
        }
    }
}
