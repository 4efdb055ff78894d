/// A row-major matrix of features: `rows` steps × `columns` features, stored flat with
/// element (k, c) at `values[k·columns + c]`. Row k uses s_0 … s_k only.
public struct FeatureMatrix: Sendable, Equatable {
    public let rows: Int
    public let columns: Int
    /// Count `rows · columns`, row-major.
    public let values: [Double]
    /// `columns` names, in column order.
    public let names: [String]

    public init(rows: Int, columns: Int, values: [Double], names: [String]) {
        precondition(values.count == rows * columns, "feature matrix holds \(values.count) values, expected \(rows)·\(columns)")
        precondition(names.count == columns, "\(names.count) names for \(columns) columns")
        self.rows = rows
        self.columns = columns
        self.values = values
        self.names = names
    }

    public subscript(row: Int, column: Int) -> Double {
        values[row * columns + column]
    }

    /// Column `c` as a vector of length `rows`.
    public func column(_ c: Int) -> [Double] {
        (0..<rows).map { values[$0 * columns + c] }
    }

    /// The column named `name`, if present.
    public func column(named name: String) -> [Double]? {
        names.firstIndex(of: name).map(column)
    }
}
