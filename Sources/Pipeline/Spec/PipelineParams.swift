import Series
import Yams

/// One entry of `params:` as the plan uses it: the default from the file, or the value
/// given with `--set NAME=VALUE`.
public struct PipelineParam: Sendable, Equatable {
    public let name: String
    public let value: ParamValue
    /// Whether `--set` gave the value.
    public let overridden: Bool

    public init(name: String, value: ParamValue, overridden: Bool) {
        self.name = name
        self.value = value
        self.overridden = overridden
    }
}

/// `params:` with each value's YAML node, so that `${params.NAME}` standing alone keeps the
/// value's type (an integer stays an integer) and a `--set` value is checked against the
/// default's type. A parameter written with no value (`data:` or `data: null`) has no
/// default and must be given with `--set`.
struct ParamTable {
    struct Entry {
        let name: String
        var value: ParamValue?
        var node: Node
        let location: ConfigLocation
        var overridden = false
    }

    private(set) var entries: [Entry] = []

    var names: [String] { entries.map(\.name) }

    func entry(_ name: String) -> Entry? { entries.first { $0.name == name } }

    /// The parameters with their final values (those without one are reported by `checkComplete`).
    var resolved: [PipelineParam] {
        entries.compactMap { entry in entry.value.map { PipelineParam(name: entry.name, value: $0, overridden: entry.overridden) } }
    }

    static func decode(_ node: Node?, file: String, fallback: ConfigLocation, diagnostics d: inout SpecDiagnostics) -> ParamTable {
        typealias M = ConfigMapping<PipelineSpec.Key>
        var table = ParamTable()
        guard let node, !M.isNull(node) else { return table }
        let here = M.location(of: node, file: file, fallback: fallback)
        guard case .mapping(let mapping) = node else {
            d.add(ConfigError(.wrongType(expected: "a mapping of parameter names to values", got: M.describe(node), defaultValue: nil),
                              keyPath: "params", location: here))
            return table
        }
        for (keyNode, valueNode) in mapping {
            let keyLocation = M.location(of: keyNode, file: file, fallback: here)
            guard case .scalar(let key) = keyNode else {
                d.add(ConfigError(.wrongType(expected: "a plain key", got: M.describe(keyNode), defaultValue: nil),
                                  keyPath: "params", location: keyLocation))
                continue
            }
            let path = "params.\(key.string)"
            guard isIdentifier(key.string) else {
                d.add(ConfigError(.refused(value: "\"\(key.string)\"", reason: "a parameter name is a letter or _ followed by letters, digits or _, so that ${params.NAME} can name it"),
                                  keyPath: path, location: keyLocation))
                continue
            }
            guard let value = d.check({ () throws(ConfigError) in try ParamValue.decode(valueNode, keyPath: path, file: file, fallback: keyLocation) }) else {
                continue
            }
            table.entries.append(Entry(name: key.string, value: value, node: valueNode,
                                       location: M.location(of: valueNode, file: file, fallback: keyLocation)))
        }
        return table
    }

    /// Applies `--set NAME=VALUE` arguments in order. VALUE is read as YAML (`5` is an
    /// integer, `[cpu, memory]` a list) and must have the default's type: an integer for an
    /// integer, a number for a number, true or false for a boolean, a list for a list (one
    /// scalar becomes a list of one); a string parameter takes any scalar as written.
    mutating func apply(overrides: [String], diagnostics d: inout SpecDiagnostics) {
        for text in overrides {
            let here = ConfigLocation(file: "--set \(text)", line: 0, column: 0)
            guard let equals = text.firstIndex(of: "="), equals != text.startIndex else {
                d.add(ConfigError(.refused(value: "\"\(text)\"", reason: "write --set NAME=VALUE with NAME one of the pipeline's params (\(names.joined(separator: ", ")))"),
                                  keyPath: "params", location: here))
                continue
            }
            let name = String(text[..<equals])
            let valueText = String(text[text.index(after: equals)...])
            guard let index = entries.firstIndex(where: { $0.name == name }) else {
                d.add(ConfigError(.unknownKey(name, suggestions: ConfigMapping<PipelineSpec.Key>.suggestions(for: name, in: names), allowed: names),
                                  keyPath: "params.\(name)", location: here))
                continue
            }
            let composed: Node?
            do {
                composed = try Yams.compose(yaml: valueText)
            } catch {
                d.add(ConfigError(ConfigLoader.yamlError(error, file: here.file).kind, keyPath: "params.\(name)", location: here))
                continue
            }
            let node = Self.withoutMarks(composed ?? .scalar(.init("", Tag(.str))))
            guard let value = d.check({ () throws(ConfigError) in
                try Self.typed(node, like: entries[index].value, keyPath: "params.\(name)", location: here)
            }) else { continue }
            entries[index].value = value.value
            entries[index].node = value.node
            entries[index].overridden = true
        }
    }

    /// Every parameter without a default must have been given with `--set`.
    func checkComplete(file: String, diagnostics d: inout SpecDiagnostics) {
        for entry in entries where entry.value == nil {
            d.add(Self.missingError(entry))
        }
    }

    /// A parameter with no default that `--set` did not give.
    static func missingError(_ entry: Entry) -> ConfigError {
        ConfigError(.missingKey(example: "--set \(entry.name)=<value>"), keyPath: "params.\(entry.name)", location: entry.location)
    }

    /// `node` (from `--set`) as a value of the default's type.
    private static func typed(_ node: Node, like defaultValue: ParamValue?, keyPath: String, location: ConfigLocation) throws(ConfigError) -> (value: ParamValue, node: Node) {
        guard let value = try ParamValue.decode(node, keyPath: keyPath, file: location.file, fallback: location) else {
            throw ConfigError(.wrongType(expected: defaultValue?.typeName ?? "a value", got: "null", defaultValue: nil), keyPath: keyPath, location: location)
        }
        func mismatch() -> ConfigError {
            ConfigError(.wrongType(expected: defaultValue?.typeName ?? "a value", got: ConfigMapping<PipelineSpec.Key>.describe(node), defaultValue: nil),
                        keyPath: keyPath, location: location)
        }
        switch (defaultValue, value) {
        case (nil, _), (.int, .int), (.double, .double), (.bool, .bool), (.list, .list):
            return (value, node)
        case (.double, .int(let int)):
            return (.double(Double(int)), node)
        case (.string, .list), (.int, _), (.double, _), (.bool, _):
            throw mismatch()
        case (.string, _):
            let text = value.description
            return (.string(text), .scalar(.init(node.scalar?.string ?? text, Tag(.str))))
        case (.list, _):
            return (.list([value]), .sequence(.init([node])))
        }
    }

    /// `node` without positions: a `--set` value has none in the pipeline file, so errors
    /// about it point at the `${…}` that uses it.
    static func withoutMarks(_ node: Node) -> Node {
        switch node {
        case .scalar(var scalar):
            scalar.mark = nil
            return .scalar(scalar)
        case .sequence(let sequence):
            return .sequence(.init(sequence.map(withoutMarks), sequence.tag, sequence.style, nil))
        case .mapping(let mapping):
            return .mapping(.init(mapping.map { (withoutMarks($0.key), withoutMarks($0.value)) }, mapping.tag, mapping.style, nil))
        case .alias:
            return node
        }
    }

    /// A letter or `_`, then letters, digits or `_`.
    static func isIdentifier(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first == "_" || first.properties.isAlphabetic, first.isASCII else { return false }
        return name.unicodeScalars.allSatisfy { $0.isASCII && ($0 == "_" || $0.properties.isAlphabetic || ("0"..."9").contains($0)) }
    }
}
