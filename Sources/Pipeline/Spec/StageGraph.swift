import Series

/// A stage instance as read, before its `needs` are checked against the others.
struct StageInstance {
    let id: String
    let name: String
    /// nil when `kind` could not be read (its stage is still a known name).
    let kind: StageKind?
    let bindings: [StageBinding]
    let needs: [Located<String>]
    /// Key path and position of `needs` (or of the stage when it has none).
    let needsKeyPath: String
    let needsLocation: ConfigLocation
    let section: StageSection?
    let location: ConfigLocation
}

/// The instances of a pipeline and the edges their `needs` make (`i` reads `inputs[i]`).
/// A reference is a stage instance (`split@cpu`), a declared stage (`train`, all its
/// instances) or a pattern with `*` (`evaluate@cpu-*`). Checks: every reference names
/// something, the kinds fit (`StageKind.accepts`), and there is no cycle.
struct StageGraph {
    let instances: [StageInstance]
    private(set) var inputs: [[Int]] = []

    init(instances: [StageInstance], diagnostics d: inout SpecDiagnostics) {
        self.instances = instances
        var resolved: [[Int]] = []
        for instance in instances {
            resolved.append(resolve(instance, diagnostics: &d))
        }
        inputs = resolved
    }

    /// Declared stage names, in file order.
    private var stageNames: [String] {
        var seen = Set<String>()
        return instances.map(\.name).filter { seen.insert($0).inserted }
    }

    private func resolve(_ instance: StageInstance, diagnostics d: inout SpecDiagnostics) -> [Int] {
        var result: [Int] = []
        for need in instance.needs {
            let matches: [Int]
            if need.value.contains("*") {
                matches = instances.indices.filter { Self.glob(need.value, matches: instances[$0].id) }
            } else if let exact = instances.firstIndex(where: { $0.id == need.value }) {
                matches = [exact]
            } else {
                matches = instances.indices.filter { instances[$0].name == need.value }
            }
            guard !matches.isEmpty else {
                let candidates = stageNames + instances.map(\.id).filter { !stageNames.contains($0) }
                d.add(ConfigError(.unknownStage(need.value, suggestions: closestMatch(to: need.value, in: candidates).map { [$0] } ?? [], known: stageNames),
                                  keyPath: need.keyPath, location: need.location))
                continue
            }
            for j in matches where !result.contains(j) {
                result.append(j)
                if let reader = instance.kind, let producer = instances[j].kind, !reader.accepts.contains(producer.output) {
                    if reader.accepts.isEmpty {
                        d.add(ConfigError(.refused(value: "`needs`", reason: "\(reader.rawValue) stages read no other stage; remove needs"),
                                          keyPath: need.keyPath, location: need.location))
                    } else {
                        d.add(ConfigError(.inputTypeMismatch(input: instances[j].id, produces: producer.output.rawValue, reader: reader.rawValue,
                                                             accepts: reader.accepts.map(\.rawValue)),
                                          keyPath: need.keyPath, location: need.location))
                    }
                }
            }
        }
        if let kind = instance.kind, !kind.accepts.isEmpty, instance.needs.isEmpty {
            d.add(ConfigError(.missingKey(example: "needs: [<a stage that produces \(kind.accepts.map(\.rawValue).joined(separator: " or "))>]"),
                              keyPath: instance.needsKeyPath, location: instance.needsLocation))
        }
        return result
    }

    /// One cycle per group of stages that need each other, as instance ids from the
    /// first-declared one back to it (`a → b → a`, where each needs the next).
    func cycles() -> [[Int]] {
        stronglyConnectedComponents().compactMap { component in
            guard let start = component.min() else { return nil }
            if component.count == 1, !inputs[start].contains(start) { return nil }
            return cycle(from: start, within: Set(component))
        }
    }

    /// The shortest way along `needs` from `start` back to itself inside one component.
    private func cycle(from start: Int, within members: Set<Int>) -> [Int] {
        if inputs[start].contains(start) { return [start, start] }
        var parent: [Int: Int] = [:]
        var queue: [Int] = []
        for w in inputs[start] where members.contains(w) && parent[w] == nil {
            parent[w] = start
            queue.append(w)
        }
        var head = 0
        while head < queue.count {
            let u = queue[head]
            head += 1
            for w in inputs[u] where members.contains(w) {
                if w == start {
                    var path = [u]
                    var node = u
                    while let p = parent[node], p != start {
                        path.append(p)
                        node = p
                    }
                    return [start] + path.reversed() + [start]
                }
                if parent[w] == nil, w != start {
                    parent[w] = u
                    queue.append(w)
                }
            }
        }
        return [start, start]
    }

    /// Tarjan's algorithm over the `needs` edges.
    private func stronglyConnectedComponents() -> [[Int]] {
        var index = 0
        var indices = [Int?](repeating: nil, count: instances.count)
        var lowLinks = [Int](repeating: 0, count: instances.count)
        var onStack = [Bool](repeating: false, count: instances.count)
        var stack: [Int] = []
        var components: [[Int]] = []

        func connect(_ v: Int) {
            indices[v] = index
            lowLinks[v] = index
            index += 1
            stack.append(v)
            onStack[v] = true
            for w in inputs[v] {
                if indices[w] == nil {
                    connect(w)
                    lowLinks[v] = min(lowLinks[v], lowLinks[w])
                } else if onStack[w], let wIndex = indices[w] {
                    lowLinks[v] = min(lowLinks[v], wIndex)
                }
            }
            if lowLinks[v] == indices[v] {
                var component: [Int] = []
                while let w = stack.popLast() {
                    onStack[w] = false
                    component.append(w)
                    if w == v { break }
                }
                components.append(component)
            }
        }
        for v in instances.indices where indices[v] == nil { connect(v) }
        return components
    }

    /// Kahn's algorithm; among stages that are ready, the first declared runs first.
    /// Call only when there is no cycle.
    func topologicalOrder() -> [Int] {
        var remaining = inputs.map { Set($0).count }
        var readers = [[Int]](repeating: [], count: instances.count)
        for (i, list) in inputs.enumerated() { for j in Set(list) { readers[j].append(i) } }
        var done = [Bool](repeating: false, count: instances.count)
        var order: [Int] = []
        while let next = instances.indices.first(where: { !done[$0] && remaining[$0] == 0 }) {
            done[next] = true
            order.append(next)
            for reader in readers[next] { remaining[reader] -= 1 }
        }
        return order
    }

    /// `*` matches any run of characters, everything else itself.
    static func glob(_ pattern: String, matches text: String) -> Bool {
        let p = Array(pattern), t = Array(text)
        var pi = 0, ti = 0, star = -1, mark = 0
        while ti < t.count {
            if pi < p.count, p[pi] != "*", p[pi] == t[ti] {
                pi += 1; ti += 1
            } else if pi < p.count, p[pi] == "*" {
                star = pi; mark = ti; pi += 1
            } else if star >= 0 {
                pi = star + 1; mark += 1; ti = mark
            } else {
                return false
            }
        }
        while pi < p.count, p[pi] == "*" { pi += 1 }
        return pi == p.count
    }
}
