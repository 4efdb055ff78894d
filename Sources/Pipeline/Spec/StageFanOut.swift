import Yams

/// How one declared stage becomes stage instances: once, once per `foreach` item
/// (`series@cpu`, `${item}`), or once per combination of `matrix` values in the order the
/// axes are written (`train@cpu-lstm`, `${matrix.metric}`, `${matrix.model}`).
public enum StageFanOut: Sendable, Equatable {
    case single
    case foreach([ParamValue])
    case matrix([MatrixAxis])
}

/// One axis of a `matrix`: a name and its values.
public struct MatrixAxis: Sendable, Equatable {
    public let name: String
    public let values: [ParamValue]

    public init(name: String, values: [ParamValue]) {
        self.name = name
        self.values = values
    }
}

/// A value a stage instance was made with: `item` under `foreach`, `matrix.NAME` under `matrix`.
public struct StageBinding: Sendable, Hashable, CustomStringConvertible {
    public let name: String
    public let value: ParamValue

    public init(name: String, value: ParamValue) {
        self.name = name
        self.value = value
    }

    public var description: String { "\(name)=\(value)" }
}

/// One instance of a declared stage, before its keys are read.
struct FanOutInstance {
    /// `@…` after the stage name; nil for a stage without fan-out.
    let suffix: String?
    let bindings: [StageBinding]
    /// The bindings' nodes, for `${…}`.
    let nodes: [(name: String, node: Node)]
}

extension StageFanOut {
    typealias M = ConfigMapping<PipelineSpec.Key>

    /// The fan-out of a stage from its `foreach` and `matrix` values (references to params
    /// resolved), with its instances; nil when it cannot be read (errors recorded).
    static func decode(
        foreach: Node?, matrix: Node?, keyPath: String, resolver: ReferenceResolver, diagnostics d: inout SpecDiagnostics
    ) -> (StageFanOut, [FanOutInstance])? {
        let file = resolver.file
        if let foreach, let matrix {
            d.add(ConfigError(.refused(value: "`foreach` and `matrix`", reason: "a stage fans out one way; keep foreach for one list or matrix for a cross product"),
                              keyPath: M.join(keyPath, "matrix"), location: M.location(of: matrix, file: file, fallback: M.location(of: foreach, file: file, fallback: resolver.fallback))))
            return nil
        }
        if let foreach {
            let path = M.join(keyPath, "foreach")
            let before = d.errors.count
            let resolved = resolver.resolve(foreach, keyPath: path, diagnostics: &d)
            guard d.errors.count == before, let items = list(resolved, keyPath: path, file: file, fallback: resolver.fallback, diagnostics: &d) else { return nil }
            var instances: [FanOutInstance] = []
            for item in items {
                instances.append(FanOutInstance(
                    suffix: item.value.description, bindings: [StageBinding(name: "item", value: item.value)],
                    nodes: [(name: "item", node: item.node)]))
            }
            guard unique(instances, keyPath: path, at: M.location(of: foreach, file: file, fallback: resolver.fallback), diagnostics: &d) else { return nil }
            return (.foreach(items.map { $0.value }), instances)
        }
        if let matrix {
            let path = M.join(keyPath, "matrix")
            let here = M.location(of: matrix, file: file, fallback: resolver.fallback)
            guard case .mapping(let mapping) = matrix else {
                d.add(ConfigError(.wrongType(expected: "a mapping of names to lists", got: M.describe(matrix), defaultValue: nil), keyPath: path, location: here))
                return nil
            }
            var axes: [(name: String, items: [(value: ParamValue, node: Node)])] = []
            var failed = false
            for (keyNode, valueNode) in mapping {
                let name = keyNode.scalar?.string ?? ""
                let axisPath = M.join(path, name)
                guard ParamTable.isIdentifier(name) else {
                    d.add(ConfigError(.refused(value: "\"\(name)\"", reason: "a matrix name is a letter or _ followed by letters, digits or _, so that ${matrix.NAME} can name it"),
                                      keyPath: axisPath, location: M.location(of: keyNode, file: file, fallback: here)))
                    failed = true
                    continue
                }
                let before = d.errors.count
                let resolved = resolver.resolve(valueNode, keyPath: axisPath, diagnostics: &d)
                guard d.errors.count == before, let items = list(resolved, keyPath: axisPath, file: file, fallback: here, diagnostics: &d) else {
                    failed = true
                    continue
                }
                axes.append((name: name, items: items))
            }
            guard !failed else { return nil }
            guard !axes.isEmpty else {
                d.add(ConfigError(.refused(value: "an empty matrix", reason: "give at least one name with a list, e.g. matrix: {model: [naive, lstm]}"), keyPath: path, location: here))
                return nil
            }
            // Cross product, the first axis varying slowest.
            var combinations: [[Binding]] = [[]]
            for axis in axes {
                var next: [[Binding]] = []
                for prefix in combinations {
                    for item in axis.items {
                        next.append(prefix + [Binding(name: "matrix.\(axis.name)", value: item.value, node: item.node)])
                    }
                }
                combinations = next
            }
            var instances: [FanOutInstance] = []
            for combination in combinations {
                instances.append(FanOutInstance(
                    suffix: combination.map { $0.value.description }.joined(separator: "-"),
                    bindings: combination.map { StageBinding(name: $0.name, value: $0.value) },
                    nodes: combination.map { (name: $0.name, node: $0.node) }))
            }
            guard unique(instances, keyPath: path, at: here, diagnostics: &d) else { return nil }
            return (.matrix(axes.map { axis in MatrixAxis(name: axis.name, values: axis.items.map { $0.value }) }), instances)
        }
        return (.single, [FanOutInstance(suffix: nil, bindings: [], nodes: [])])
    }

    /// One value of one matrix axis.
    private struct Binding {
        let name: String
        let value: ParamValue
        let node: Node
    }

    /// A non-empty list of scalars.
    private static func list(
        _ node: Node, keyPath: String, file: String, fallback: ConfigLocation, diagnostics d: inout SpecDiagnostics
    ) -> [(value: ParamValue, node: Node)]? {
        let here = M.location(of: node, file: file, fallback: fallback)
        guard case .sequence(let sequence) = node else {
            d.add(ConfigError(.wrongType(expected: "a list (or ${params.NAME} naming one)", got: M.describe(node), defaultValue: nil), keyPath: keyPath, location: here))
            return nil
        }
        guard !sequence.isEmpty else {
            d.add(ConfigError(.refused(value: "[]", reason: "an empty list makes no stage; list at least one value"), keyPath: keyPath, location: here))
            return nil
        }
        var items: [(value: ParamValue, node: Node)] = []
        for (i, element) in sequence.enumerated() {
            let path = "\(keyPath)[\(i)]"
            guard case .scalar = element,
                  let value = d.check({ () throws(ConfigError) in try ParamValue.decode(element, keyPath: path, file: file, fallback: here) }) ?? nil else {
                d.add(ConfigError(.wrongType(expected: "a scalar", got: M.describe(element), defaultValue: nil), keyPath: path,
                                  location: M.location(of: element, file: file, fallback: here)))
                return nil
            }
            items.append((value, element))
        }
        return items
    }

    /// Instances must get different names.
    private static func unique(_ instances: [FanOutInstance], keyPath: String, at location: ConfigLocation, diagnostics d: inout SpecDiagnostics) -> Bool {
        var seen = Set<String>()
        for instance in instances {
            let suffix = instance.suffix ?? ""
            guard seen.insert(suffix).inserted else {
                d.add(ConfigError(.refused(value: "\"\(suffix)\"", reason: "it appears twice, and each stage instance needs its own name; list each value once"),
                                  keyPath: keyPath, location: location))
                return false
            }
        }
        return true
    }
}
