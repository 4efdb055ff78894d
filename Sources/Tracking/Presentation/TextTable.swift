/// A plain-text table: a header row, a rule of dashes, then rows; columns separated by two
/// spaces, text left-aligned and numbers right-aligned. Widths count characters, so the
/// markers used in cells (▲ ▼ *) occupy one column each. A title with line breaks takes
/// several header lines, its last line next to the rule.
public struct TextTable: Sendable {
    public enum Alignment: Sendable { case left, right }
    public struct Column: Sendable {
        public var title: String
        public var alignment: Alignment
        public init(_ title: String, _ alignment: Alignment = .left) {
            self.title = title
            self.alignment = alignment
        }
    }

    public var columns: [Column]
    public var rows: [[String]] = []

    public init(_ columns: [Column]) { self.columns = columns }

    public mutating func append(_ row: [String]) { rows.append(row) }

    public func render(indent: String = "") -> String {
        let titleLines = columns.map { $0.title.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }
        var widths = titleLines.map { $0.map(\.count).max() ?? 0 }
        for row in rows {
            for (index, cell) in row.enumerated() where index < widths.count {
                widths[index] = max(widths[index], cell.count)
            }
        }
        func line(_ cells: [String]) -> String {
            var parts: [String] = []
            for index in columns.indices {
                let cell = index < cells.count ? cells[index] : ""
                let padding = String(repeating: " ", count: widths[index] - cell.count)
                let isLast = index == columns.count - 1
                switch columns[index].alignment {
                case .left: parts.append(isLast ? cell : cell + padding)
                case .right: parts.append(padding + cell)
                }
            }
            var text = indent + parts.joined(separator: "  ")
            // No trailing spaces when the last cells are empty.
            while text.utf8.last == UInt8(ascii: " ") { text.removeLast() }
            return text
        }
        let headerHeight = titleLines.map(\.count).max() ?? 1
        var lines = (0..<headerHeight).map { row in
            line(titleLines.map { title in
                let index = row - (headerHeight - title.count)
                return index >= 0 ? title[index] : ""
            })
        }
        lines.append(indent + widths.map { String(repeating: "-", count: $0) }.joined(separator: "  "))
        lines += rows.map(line)
        return lines.joined(separator: "\n")
    }
}
