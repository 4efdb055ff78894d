/// Why a `TrialParameters` value cannot be read from text.
public enum TrialParametersError: Error, Sendable, Hashable, CustomStringConvertible {
    case invalidJSON(problem: String, offset: Int)
    case duplicateName(String)

    public var description: String {
        switch self {
        case .invalidJSON(let problem, let offset): "trial parameters are not canonical JSON: \(problem) at byte \(offset)"
        case .duplicateName(let name): "trial parameters name `\(name)` twice"
        }
    }
}

/// The parameters of one trial: name → value, in the search space's declaration order.
///
/// Two values are equal (and hash alike) when they hold the same names with the same
/// values, whatever the order; `canonicalJSON` is the stable text to store and hash:
/// `{"model.hidden_size":64,"training.learning_rate":0.001}` with keys sorted by their
/// UTF-8 bytes, no whitespace, integers without and numbers with a `.` or exponent.
/// `Codable` writes the same object (a keyed container); decoding gives the names in
/// sorted order.
public struct TrialParameters: Sendable, Hashable, Codable, CustomStringConvertible {
    public struct Entry: Sendable, Hashable {
        public let name: String
        public let value: ParamValue
    }

    /// In declaration order.
    public private(set) var entries: [Entry]

    /// `pairs` in order; a repeated name keeps the last value at the first position.
    public init(_ pairs: [(String, ParamValue)]) {
        var entries: [Entry] = []
        for (name, value) in pairs {
            if let i = entries.firstIndex(where: { $0.name == name }) {
                entries[i] = Entry(name: name, value: value)
            } else {
                entries.append(Entry(name: name, value: value))
            }
        }
        self.entries = entries
    }

    public var names: [String] { entries.map(\.name) }

    public subscript(name: String) -> ParamValue? { entries.first { $0.name == name }?.value }

    /// The entries sorted by the UTF-8 bytes of their names.
    var sortedEntries: [Entry] { entries.sorted { Array($0.name.utf8).lexicographicallyPrecedes(Array($1.name.utf8)) } }

    /// `{"a":1,"b":0.5,"c":"adam"}`: keys sorted, no whitespace.
    public var canonicalJSON: String {
        "{" + sortedEntries.map { CanonicalJSON.quoted($0.name) + ":" + $0.value.canonicalJSON }.joined(separator: ",") + "}"
    }

    /// Reads `canonicalJSON` back (any JSON object of scalars is accepted); integers and
    /// numbers stay apart, so `TrialParameters(canonicalJSON: p.canonicalJSON) == p`.
    public init(canonicalJSON text: String) throws(TrialParametersError) {
        let pairs = try CanonicalJSON.readObject(text)
        var seen = Set<String>()
        for (name, _) in pairs where !seen.insert(name).inserted { throw .duplicateName(name) }
        self.init(pairs)
    }

    /// `model.hidden_size=64, training.learning_rate=0.001` in declaration order.
    public var description: String { entries.map { "\($0.name)=\($0.value)" }.joined(separator: ", ") }

    public static func == (a: TrialParameters, b: TrialParameters) -> Bool { a.sortedEntries == b.sortedEntries }

    public func hash(into hasher: inout Hasher) { hasher.combine(sortedEntries) }

    private struct Name: CodingKey {
        let stringValue: String
        init(stringValue: String) { self.stringValue = stringValue }
        var intValue: Int? { nil }
        init?(intValue: Int) { nil }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Name.self)
        let keys = container.allKeys.map(\.stringValue).sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        var pairs: [(String, ParamValue)] = []
        for key in keys { pairs.append((key, try container.decode(ParamValue.self, forKey: Name(stringValue: key)))) }
        self.init(pairs)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Name.self)
        for entry in sortedEntries { try container.encode(entry.value, forKey: Name(stringValue: entry.name)) }
    }
}
