import Series
import Yams

/// A value read from a config together with its key path and position, for checks
/// that span several keys (splits summing to 1, one weight per horizon).
struct Located<Value> {
    let value: Value
    let keyPath: String
    let location: ConfigLocation
}

/// One YAML mapping of a config, read through the Yams node tree so every key and value
/// keeps its line and column. `Key` lists the keys the section allows; any other key is
/// rejected on construction with close matches. Accessors take the typed default that
/// the section's spec owns and return it when the key is absent.
struct ConfigMapping<Key: RawRepresentable & CaseIterable> where Key.RawValue == String {
    let file: String
    /// Dotted path of this mapping ("" for the document root).
    let path: String
    /// Where the mapping starts, or where its parent key is when it is absent.
    let location: ConfigLocation
    private let entries: [String: Node]

    /// `node` may be nil (section omitted) or null (`section:` with nothing under it):
    /// both read as an empty mapping.
    init(_ node: Node?, path: String, file: String, fallback: ConfigLocation) throws(ConfigError) {
        var unknownKeys: [ConfigError] = []
        try self.init(node, path: path, file: file, fallback: fallback, unknownKeys: &unknownKeys)
        if let first = unknownKeys.first { throw first }
    }

    /// Like `init(_:path:file:fallback:)`, but an unknown key is appended to `unknownKeys`
    /// (in file order) and left out, so a caller that collects every error (the pipeline
    /// spec) can go on; a node that is not a mapping still throws.
    init(
        _ node: Node?, path: String, file: String, fallback: ConfigLocation, unknownKeys: inout [ConfigError]
    ) throws(ConfigError) {
        self.file = file
        self.path = path
        guard let node, !Self.isNull(node) else {
            location = fallback
            entries = [:]
            return
        }
        let here = Self.location(of: node, file: file, fallback: fallback)
        guard case .mapping(let mapping) = node else {
            throw ConfigError(
                .wrongType(expected: "a mapping of keys", got: Self.describe(node), defaultValue: nil),
                keyPath: path, location: here)
        }
        location = here
        let allowed = Key.allCases.map(\.rawValue)
        var entries: [String: Node] = [:]
        for (keyNode, valueNode) in mapping {
            let keyLocation = Self.location(of: keyNode, file: file, fallback: here)
            guard case .scalar(let scalar) = keyNode else {
                throw ConfigError(
                    .wrongType(expected: "a plain key", got: Self.describe(keyNode), defaultValue: nil),
                    keyPath: path, location: keyLocation)
            }
            let name = scalar.string
            guard Key(rawValue: name) != nil else {
                unknownKeys.append(ConfigError(
                    .unknownKey(name, suggestions: Self.suggestions(for: name, in: allowed), allowed: allowed),
                    keyPath: Self.join(path, name), location: keyLocation))
                continue
            }
            entries[name] = valueNode
        }
        self.entries = entries
    }

    // MARK: Paths and positions

    func keyPath(_ key: Key) -> String { Self.join(path, key.rawValue) }

    func node(_ key: Key) -> Node? { entries[key.rawValue] }

    /// Position of the key's value, or of this mapping when the key is absent.
    func location(_ key: Key) -> ConfigLocation {
        entries[key.rawValue].map { Self.location(of: $0, file: file, fallback: location) } ?? location
    }

    func located<T>(_ value: T, _ key: Key) -> Located<T> {
        Located(value: value, keyPath: keyPath(key), location: location(key))
    }

    func error(_ kind: ConfigError.Kind, _ key: Key) -> ConfigError {
        ConfigError(kind, keyPath: keyPath(key), location: location(key))
    }

    // MARK: Scalars

    /// An integer (`5`, `1_000`); a float or string is a type error.
    func int(_ key: Key, default defaultValue: Int?, example: String = "") throws(ConfigError) -> Located<Int> {
        guard let node = entries[key.rawValue] else { return located(try fallback(defaultValue, key, example), key) }
        return located(try Self.int(node, expected: "an integer", default: defaultValue.map(String.init), at: keyPath(key), file: file, fallback: location), key)
    }

    /// A finite number; integers are accepted (`10` reads as 10.0).
    func double(_ key: Key, default defaultValue: Double) throws(ConfigError) -> Located<Double> {
        guard let node = entries[key.rawValue] else { return located(defaultValue, key) }
        return located(try Self.double(node, default: "\(defaultValue)", at: keyPath(key), file: file, fallback: location), key)
    }

    /// `true` / `false` (YAML 1.1 spellings such as `yes` included).
    func bool(_ key: Key, default defaultValue: Bool) throws(ConfigError) -> Located<Bool> {
        guard let node = entries[key.rawValue] else { return located(defaultValue, key) }
        guard Self.tagName(node) == .bool, let value = node.bool else {
            throw error(.wrongType(expected: "true or false", got: Self.describe(node), defaultValue: "\(defaultValue)"), key)
        }
        return located(value, key)
    }

    /// Any non-null scalar, as written.
    /// A string; `null` reads as absent when the default is nil (an optional name).
    func string(_ key: Key, default defaultValue: String?) throws(ConfigError) -> Located<String?> {
        guard let node = entries[key.rawValue] else { return located(defaultValue, key) }
        if defaultValue == nil, Self.isNull(node) { return located(nil, key) }
        guard case .scalar(let scalar) = node, !Self.isNull(node) else {
            throw error(.wrongType(expected: "a string", got: Self.describe(node), defaultValue: defaultValue.map { "\"\($0)\"" }), key)
        }
        return located(scalar.string, key)
    }

    /// One of an enum's raw values; anything else lists the allowed ones.
    func choice<E: RawRepresentable & CaseIterable>(
        _ key: Key, default defaultValue: E?, example: String = ""
    ) throws(ConfigError) -> Located<E> where E.RawValue == String {
        guard let node = entries[key.rawValue] else { return located(try fallback(defaultValue, key, example), key) }
        let allowed = E.allCases.map(\.rawValue)
        guard case .scalar(let scalar) = node, !Self.isNull(node) else {
            throw error(.wrongType(expected: "one of \(allowed.joined(separator: ", "))", got: Self.describe(node), defaultValue: defaultValue?.rawValue), key)
        }
        guard let value = E(rawValue: scalar.string) else {
            throw error(.unknownValue(scalar.string, allowed: allowed, suggestions: Self.suggestions(for: scalar.string, in: allowed)), key)
        }
        return located(value, key)
    }

    // MARK: Lists and nested sections

    /// A list of integers, `[5, 15, 30]` or one per line.
    func ints(_ key: Key, default defaultValue: [Int]) throws(ConfigError) -> Located<[Int]> {
        let shown = "[" + defaultValue.map(String.init).joined(separator: ", ") + "]"
        guard let node = entries[key.rawValue] else { return located(defaultValue, key) }
        var values: [Int] = []
        for (i, element) in try elements(node, key, expected: "a list of integers", default: shown).enumerated() {
            values.append(try Self.int(element, expected: "an integer", default: nil, at: "\(keyPath(key))[\(i)]", file: file, fallback: location(key)))
        }
        return located(values, key)
    }

    /// A list of finite numbers.
    func doubles(_ key: Key, default defaultValue: [Double]) throws(ConfigError) -> Located<[Double]> {
        let shown = "[" + defaultValue.map { "\($0)" }.joined(separator: ", ") + "]"
        guard let node = entries[key.rawValue] else { return located(defaultValue, key) }
        var values: [Double] = []
        for (i, element) in try elements(node, key, expected: "a list of numbers", default: shown).enumerated() {
            values.append(try Self.double(element, default: nil, at: "\(keyPath(key))[\(i)]", file: file, fallback: location(key)))
        }
        return located(values, key)
    }

    /// A list of an enum's raw values, `[arima, naive]` or one per line; anything else
    /// lists the allowed ones.
    func choices<E: RawRepresentable & CaseIterable>(_ key: Key, default defaultValue: [E]) throws(ConfigError) -> Located<[E]>
    where E.RawValue == String {
        let allowed = E.allCases.map(\.rawValue)
        let shown = "[" + defaultValue.map(\.rawValue).joined(separator: ", ") + "]"
        guard let node = entries[key.rawValue] else { return located(defaultValue, key) }
        var values: [E] = []
        for (i, element) in try elements(node, key, expected: "a list of \(allowed.joined(separator: ", "))", default: shown).enumerated() {
            let at = "\(keyPath(key))[\(i)]"
            let position = Self.location(of: element, file: file, fallback: location(key))
            guard case .scalar(let scalar) = element, !Self.isNull(element) else {
                throw ConfigError(.wrongType(expected: "one of \(allowed.joined(separator: ", "))", got: Self.describe(element), defaultValue: nil), keyPath: at, location: position)
            }
            guard let value = E(rawValue: scalar.string) else {
                throw ConfigError(.unknownValue(scalar.string, allowed: allowed, suggestions: Self.suggestions(for: scalar.string, in: allowed)), keyPath: at, location: position)
            }
            values.append(value)
        }
        return located(values, key)
    }

    /// The nested mapping under `key` (empty when absent).
    func section<Sub>(_ key: Key, keys: Sub.Type) throws(ConfigError) -> ConfigMapping<Sub> {
        try ConfigMapping<Sub>(entries[key.rawValue], path: keyPath(key), file: file, fallback: location(key))
    }

    // MARK: Helpers

    /// The default of an absent key, or a missing-key error when the key is required.
    private func fallback<T>(_ defaultValue: T?, _ key: Key, _ example: String) throws(ConfigError) -> T {
        guard let defaultValue else {
            throw ConfigError(.missingKey(example: example), keyPath: keyPath(key), location: location)
        }
        return defaultValue
    }

    private func elements(_ node: Node, _ key: Key, expected: String, default shown: String) throws(ConfigError) -> [Node] {
        guard case .sequence(let sequence) = node else {
            throw error(.wrongType(expected: expected, got: Self.describe(node), defaultValue: shown), key)
        }
        return Array(sequence)
    }

    private static func int(_ node: Node, expected: String, default shown: String?, at keyPath: String, file: String, fallback: ConfigLocation) throws(ConfigError) -> Int {
        guard Self.tagName(node) == .int, let value = node.int else {
            throw ConfigError(.wrongType(expected: expected, got: describe(node), defaultValue: shown),
                              keyPath: keyPath, location: location(of: node, file: file, fallback: fallback))
        }
        return value
    }

    private static func double(_ node: Node, default shown: String?, at keyPath: String, file: String, fallback: ConfigLocation) throws(ConfigError) -> Double {
        let here = location(of: node, file: file, fallback: fallback)
        guard Self.tagName(node) == .int || Self.tagName(node) == .float, let value = node.float else {
            throw ConfigError(.wrongType(expected: "a number", got: describe(node), defaultValue: shown), keyPath: keyPath, location: here)
        }
        guard value.isFinite else {
            throw ConfigError(.outOfRange(value: "\(value)", advice: "use a finite number"), keyPath: keyPath, location: here)
        }
        return value
    }

    /// The close match for "did you mean", shared with the rest of the project
    /// (`Series.closestMatch`: Levenshtein distance ≤ max(2, |name|/3)).
    static func suggestions(for name: String, in allowed: [String]) -> [String] {
        closestMatch(to: name, in: allowed).map { [$0] } ?? []
    }

    static func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    static func location(of node: Node, file: String, fallback: ConfigLocation) -> ConfigLocation {
        node.mark.map { ConfigLocation(file: file, line: $0.line, column: $0.column) } ?? fallback
    }

    static func isNull(_ node: Node) -> Bool {
        if case .scalar = node { return Self.tagName(node) == .null }
        return false
    }

    /// How a value is shown in messages: scalars quoted as written, others by kind.
    static func describe(_ node: Node) -> String {
        switch node {
        case .scalar(let scalar): return isNull(node) ? "null" : "\"\(scalar.string)\""
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }
}

extension ConfigMapping {
    /// The resolved YAML tag of a node (`tag:yaml.org,2002:int`, …): plain scalars are
    /// resolved by their spelling, quoted ones are strings.
    static func tagName(_ node: Node) -> Tag.Name { Tag.Name(rawValue: node.tag.rawValue) }
}
