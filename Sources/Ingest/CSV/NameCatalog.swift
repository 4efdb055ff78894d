/// Distinct field values (container or metric names) numbered in order of first sight.
///
/// Lookups first try the id after the previous hit (wrapping around) and the previous hit itself (files
/// written time-major cycle through the same names in order), then a dictionary.
struct NameCatalog: Sendable {
    private(set) var names: [String] = []
    private var encoded: [[UInt8]] = []
    private var ids: [[UInt8]: Int] = [:]
    private var lastHit = -1

    var count: Int { names.count }

    /// The id of a name known in advance (wide files' column names).
    mutating func register(_ name: String) -> Int {
        let bytes = Array(name.utf8)
        if let id = ids[bytes] { return id }
        return add(name: name, bytes: bytes)
    }

    /// The id of the field's text, adding it when new.
    mutating func id(of span: FieldSpan, in scanner: CSVScanner) -> Int {
        if !span.hasEscapedQuotes {
            let next = lastHit + 1 < encoded.count ? lastHit + 1 : 0
            if next < encoded.count, scanner.field(span, equals: encoded[next]) {
                lastHit = next
                return next
            }
            if lastHit >= 0, scanner.field(span, equals: encoded[lastHit]) { return lastHit }
        }
        let text = scanner.text(span)
        let bytes = Array(text.utf8)
        if let id = ids[bytes] {
            lastHit = id
            return id
        }
        let id = add(name: text, bytes: bytes)
        lastHit = id
        return id
    }

    private mutating func add(name: String, bytes: [UInt8]) -> Int {
        let id = names.count
        names.append(name)
        encoded.append(bytes)
        ids[bytes] = id
        return id
    }
}
