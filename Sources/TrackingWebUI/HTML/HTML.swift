/// Markup that is safe to send: every `String` interpolated into an `HTML` literal is escaped
/// (`&`, `<`, `>`, `"`, `'`), and only other `HTML` values are inserted as they are. So a run named
/// `<script>` reaches the browser as the text `&lt;script&gt;`, and no page can forget to escape.
///
/// ```swift
/// let cell: HTML = "<td>\(run.name)</td>"          // name escaped
/// let row: HTML = "<tr>\(cell)</tr>"                // markup kept
/// ```
public struct HTML: Sendable, Equatable, CustomStringConvertible, ExpressibleByStringInterpolation {
    /// The markup text.
    public private(set) var text: String

    /// Markup written by this module (not escaped): use only for literal tags.
    init(trusted text: String) { self.text = text }

    public init(stringLiteral value: String) { text = value }

    public init(stringInterpolation: Interpolation) { text = stringInterpolation.text }

    public var description: String { text }

    /// Joins markup (no separator unless given).
    public static func join(_ parts: some Sequence<HTML>, separator: HTML = "") -> HTML {
        HTML(trusted: parts.map(\.text).joined(separator: separator.text))
    }

    public static func + (a: HTML, b: HTML) -> HTML { HTML(trusted: a.text + b.text) }
    public static func += (a: inout HTML, b: HTML) { a.text += b.text }

    /// `text` with the five characters HTML gives meaning to replaced by entities; safe in
    /// element content and in quoted attribute values.
    public static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text.unicodeScalars {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.unicodeScalars.append(character)
            }
        }
        return result
    }

    public struct Interpolation: StringInterpolationProtocol {
        var text = ""
        public init(literalCapacity: Int, interpolationCount: Int) { text.reserveCapacity(literalCapacity + 16 * interpolationCount) }
        public mutating func appendLiteral(_ literal: String) { text += literal }
        /// Escaped text.
        public mutating func appendInterpolation(_ value: String) { text += HTML.escape(value) }
        /// Escaped text of an integer.
        public mutating func appendInterpolation(_ value: Int) { text += String(value) }
        public mutating func appendInterpolation(_ value: Int64) { text += String(value) }
        /// Markup, as is.
        public mutating func appendInterpolation(_ value: HTML) { text += value.text }
        /// Markup, as is; nothing for nil.
        public mutating func appendInterpolation(_ value: HTML?) { text += value?.text ?? "" }
    }
}
