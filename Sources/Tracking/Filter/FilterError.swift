/// A filter or order-by expression that cannot be read. `column` is 1-based and points at the
/// character where reading failed; `description` quotes the expression with a caret under it.
public struct FilterError: Error, Equatable, Sendable, CustomStringConvertible {
    public let expression: String
    public let column: Int
    public let message: String

    public var description: String {
        let caret = String(repeating: " ", count: max(0, column - 1)) + "^"
        return "Filter error at column \(column): \(message).\n  \(expression)\n  \(caret)"
    }
}
