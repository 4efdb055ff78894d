/// Reads a sampling interval: a positive decimal number with an optional unit
/// `ms`, `s`, `m`, `h` or `d` ("15s" → 15, "5m" → 300, "1h" → 3600, "300" → 300 seconds,
/// "0.2s" → 0.2). Spaces around the number are ignored.
public enum IntervalParser {
    public static func seconds(from text: String) throws(IngestError) -> Double {
        let trimmed = text.trimmingSpaces()
        guard !trimmed.isEmpty else { throw .invalidInterval(text: text, reason: "it is empty") }
        let units: [(suffix: String, seconds: Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600), ("d", 86_400)]
        var number = trimmed
        var scale = 1.0
        for unit in units where trimmed.lowercased().hasSuffix(unit.suffix) {
            number = String(trimmed.dropLast(unit.suffix.count)).trimmingSpaces()
            scale = unit.seconds
            break
        }
        let bytes = Array(number.utf8)
        guard case let .number(value) = DecimalParser.parse(bytes, 0, bytes.count) else {
            throw .invalidInterval(text: text, reason: "\(quoted(number)) is not a number")
        }
        let seconds = value * scale
        guard seconds > 0, seconds.isFinite else {
            throw .invalidInterval(text: text, reason: "it must be greater than zero")
        }
        return seconds
    }
}

extension String {
    /// Without leading and trailing spaces and tabs.
    func trimmingSpaces() -> String {
        let isBlank: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = firstIndex(where: { !isBlank($0) }), let last = lastIndex(where: { !isBlank($0) }) else { return "" }
        return String(self[first...last])
    }
}
