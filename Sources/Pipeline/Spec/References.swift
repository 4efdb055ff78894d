import Foundation
import Yams

/// What `${…}` may name inside one stage instance: `params.NAME` for every parameter, and
/// `item` (under `foreach`) or `matrix.NAME` (under `matrix`).
struct ReferenceScope {
    /// Name (`params.data`, `item`, `matrix.metric`) → value node, in the order listed in
    /// messages; `missing` is the error of a parameter that has no value (no default, no `--set`).
    private(set) var values: [(name: String, node: Node, missing: ConfigError?)] = []

    init(params: ParamTable) {
        values = params.entries.map { entry in
            (name: "params.\(entry.name)", node: entry.node, missing: entry.value == nil ? ParamTable.missingError(entry) : nil)
        }
    }

    /// This scope plus bindings (`item`, `matrix.NAME`).
    func adding(_ bindings: [(name: String, node: Node)]) -> ReferenceScope {
        var scope = self
        scope.values += bindings.map { (name: $0.name, node: $0.node, missing: ConfigError?.none) }
        return scope
    }

    var names: [String] { values.map { $0.name } }

    func value(_ name: String) -> (node: Node, missing: ConfigError?)? {
        values.first { $0.name == name }.map { ($0.node, $0.missing) }
    }
}

/// Replaces `${…}` in the string values under a node, at plan time. A value that is one
/// reference and nothing else becomes the referenced value with its type (`epochs:
/// ${params.epochs}` stays an integer, `foreach: ${params.metrics}` a list), at the
/// reference's position; a reference inside a longer string is replaced by its text and
/// the result is a string. Keys are never substituted. Unknown references, unclosed `${`
/// and lists inside longer strings are errors at the value's position.
struct ReferenceResolver {
    let scope: ReferenceScope
    let file: String
    let fallback: ConfigLocation

    func resolve(_ node: Node, keyPath: String, diagnostics d: inout SpecDiagnostics) -> Node {
        switch node {
        case .scalar(let scalar):
            return resolve(scalar, keyPath: keyPath, diagnostics: &d)
        case .sequence(let sequence):
            var nodes: [Node] = []
            for (i, element) in sequence.enumerated() {
                nodes.append(resolve(element, keyPath: "\(keyPath)[\(i)]", diagnostics: &d))
            }
            return .sequence(.init(nodes, sequence.tag, sequence.style, sequence.mark))
        case .mapping(let mapping):
            var pairs: [(Node, Node)] = []
            for (key, value) in mapping {
                let path = ConfigMapping<PipelineSpec.Key>.join(keyPath, key.scalar?.string ?? "?")
                pairs.append((key, resolve(value, keyPath: path, diagnostics: &d)))
            }
            return .mapping(.init(pairs, mapping.tag, mapping.style, mapping.mark))
        case .alias:
            return node
        }
    }

    private func resolve(_ scalar: Node.Scalar, keyPath: String, diagnostics d: inout SpecDiagnostics) -> Node {
        let text = scalar.string
        guard text.contains("${") else { return .scalar(scalar) }
        let here = ConfigMapping<PipelineSpec.Key>.location(of: .scalar(scalar), file: file, fallback: fallback)
        var pieces: [Piece] = []
        var rest = text[...]
        while let open = rest.range(of: "${") {
            if open.lowerBound > rest.startIndex { pieces.append(.text(String(rest[..<open.lowerBound]))) }
            guard let close = rest[open.upperBound...].firstIndex(of: "}") else {
                d.add(ConfigError(.refused(value: "\"\(text)\"", reason: "`${` opens a reference that is not closed; write ${params.NAME}, ${item} or ${matrix.NAME}"),
                                  keyPath: keyPath, location: here))
                return .scalar(scalar)
            }
            let name = rest[open.upperBound..<close].trimmingCharacters(in: .whitespaces)
            guard let found = scope.value(name) else {
                d.add(ConfigError(.unknownReference(name, suggestions: ConfigMapping<PipelineSpec.Key>.suggestions(for: name, in: scope.names), known: scope.names),
                                  keyPath: keyPath, location: here))
                return .scalar(scalar)
            }
            if let missing = found.missing {
                // The same error as `ParamTable.checkComplete`'s, so it is listed once.
                d.add(missing)
                return .scalar(scalar)
            }
            pieces.append(.reference(name, found.node))
            rest = rest[rest.index(after: close)...]
        }
        if !rest.isEmpty { pieces.append(.text(String(rest))) }
        if pieces.count == 1, case .reference(_, let value) = pieces[0] {
            return Self.node(value, at: scalar.mark)
        }
        var result = ""
        for piece in pieces {
            switch piece {
            case .text(let part):
                result += part
            case .reference(let name, let value):
                guard case .scalar(let inner) = value else {
                    d.add(ConfigError(.refused(value: "\"\(text)\"", reason: "${\(name)} is a list, which cannot be part of a longer string; write it alone as the value"),
                                      keyPath: keyPath, location: here))
                    return .scalar(scalar)
                }
                result += inner.string
            }
        }
        var replaced = scalar
        replaced.string = result
        replaced.tag = Tag(.str)
        return .scalar(replaced)
    }

    private enum Piece {
        case text(String)
        case reference(String, Node)
    }

    /// `node` placed at `mark` (the reference's position), so errors about the value point there.
    static func node(_ node: Node, at mark: Mark?) -> Node {
        switch node {
        case .scalar(var scalar):
            scalar.mark = mark
            return .scalar(scalar)
        case .sequence(var sequence):
            sequence.mark = mark
            return .sequence(sequence)
        case .mapping(var mapping):
            mapping.mark = mark
            return .mapping(mapping)
        case .alias:
            return node
        }
    }
}
