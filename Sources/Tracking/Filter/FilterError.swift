/// A filter or order-by expression that cannot be read. `column` is 1-based and points at the
/// character where reading failed; `description` quotes the expression with a caret under it and
/// names which part was wrong: the filter, or an ordering given on its own (`--order-by`).
public struct FilterError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Part: String, Sendable { case filter = "Filter", ordering = "Ordering" }

    public let expression: String
    public let column: Int
    public let message: String
    public var part: Part = .filter

    public var description: String {
        let caret = String(repeating: " ", count: max(0, column - 1)) + "^"
        return "\(part.rawValue) error at column \(column): \(message).\n  \(expression)\n  \(caret)"
    }
}
