import Yams

/// A YAML mapping with its key path and file, giving typed values and errors that name
/// `file:line: key`.
struct YAMLMap {
    let node: Node
    let mapping: Node.Mapping
    let path: String
    let file: String

    init(_ node: Node, key path: String, file: String) throws {
        guard let mapping = node.mapping else {
            throw PolicyError(file: file, line: node.mark?.line ?? 0, key: path, problem: "expected a mapping of keys to values")
        }
        self.node = node
        self.mapping = mapping
        self.path = path
        self.file = file
    }

    var keys: [String] { mapping.keys.compactMap(\.string) }

    func fullKey(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    func value(_ key: String) -> Node? { mapping[Node(key)] }

    func line(_ key: String) -> Int {
        let node = mapping.first { $0.key.string == key }?.key ?? self.node
        return node.mark?.line ?? 0
    }

    func error(_ key: String, _ problem: String) -> PolicyError {
        PolicyError(file: file, line: line(key), key: fullKey(key), problem: problem)
    }

    func allow(_ allowed: [String]) throws {
        for key in keys where !allowed.contains(key) {
            throw error(key, "unknown key; allowed here: \(allowed.joined(separator: ", "))")
        }
    }

    func map(_ key: String) throws -> YAMLMap? {
        guard let node = value(key) else { return nil }
        guard node.mapping != nil else { throw error(key, "expected a mapping, got \(node.any)") }
        return try YAMLMap(node, key: fullKey(key), file: file)
    }

    func int(_ key: String) throws -> Int? {
        guard let node = value(key) else { return nil }
        guard let v = node.int else { throw error(key, "expected a whole number, got \(node.string ?? "\(node.any)")") }
        return v
    }

    func bool(_ key: String) throws -> Bool? {
        guard let node = value(key) else { return nil }
        guard let v = node.bool else { throw error(key, "expected true or false, got \(node.string ?? "\(node.any)")") }
        return v
    }

    func double(_ key: String, atLeast low: Double) throws -> Double? {
        guard let node = value(key) else { return nil }
        guard let v = node.float, v.isFinite else { throw error(key, "expected a number, got \(node.string ?? "\(node.any)")") }
        guard v >= low else { throw error(key, "is \(v); write a number ≥ \(low)") }
        return v
    }

    func doubles(_ key: String) throws -> [Double]? {
        guard let node = value(key) else { return nil }
        guard let items = node.sequence else { throw error(key, "expected a list of numbers, e.g. [5, 15, 30]") }
        return try items.map { item in
            guard let v = item.float else { throw error(key, "expected numbers, got \(item.string ?? "\(item.any)")") }
            return v
        }
    }
}
