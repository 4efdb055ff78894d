/// Where a problem sits in an input file: 1-based line, and 1-based field index
/// ("column 2" is the second comma-separated field), as in `data.csv:17:2`.
public struct SourceLocation: Sendable, Equatable, CustomStringConvertible {
    public var path: String
    public var line: Int
    public var column: Int?

    public init(path: String, line: Int, column: Int? = nil) {
        self.path = path
        self.line = line
        self.column = column
    }

    public var description: String {
        if let column { return "\(path):\(line):\(column)" }
        return "\(path):\(line)"
    }
}
