import Series
/// The header of a CSV file read into a shape and the indices of its special columns.
struct CSVLayout: Sendable {
    static let timestampNames = ["timestamp", "time", "datetime", "date", "ts"]

    let path: String
    /// The file name without folder and extension; names series and stands in for a missing container.
    let stem: String
    let header: [String]
    let shape: CSVShape
    let timestampIndex: Int?
    let containerIndex: Int?
    /// Long files only.
    let metricIndex: Int?
    /// Columns that hold values: [value] for timestamp,value and long; every other column for wide
    /// and timestamp-less files.
    let valueColumns: [Int]

    init(path: String, header: [String]) throws(IngestError) {
        self.path = path
        self.header = header
        stem = CSVLayout.stem(of: path)
        var firstIndex: [String: Int] = [:]
        for (index, name) in header.enumerated() {
            if let earlier = firstIndex[name] {
                throw .duplicateColumn(path: path, name: name, columns: [earlier + 1, index + 1])
            }
            firstIndex[name] = index
        }
        let lowered = header.map { $0.lowercased() }
        let timestamp = CSVLayout.timestampNames.lazy.compactMap { lowered.firstIndex(of: $0) }.first
        let container = lowered.firstIndex(of: "container")
        let metric = lowered.firstIndex(of: "metric")
        let value = lowered.firstIndex(of: "value")
        timestampIndex = timestamp
        containerIndex = timestamp == nil ? nil : container
        if let timestamp, let metric, let value {
            shape = .long
            metricIndex = metric
            valueColumns = [value]
            _ = timestamp
            return
        }
        metricIndex = nil
        let special = Set([timestamp, containerIndex].compactMap { $0 })
        valueColumns = header.indices.filter { !special.contains($0) }
        if timestamp == nil {
            shape = .noTimestamp
        } else if containerIndex == nil, valueColumns.count == 1, lowered[valueColumns[0]] == "value" {
            shape = .timestampValue
        } else {
            shape = .wide
        }
    }

    /// "data/real/vm_8383.csv" → "vm_8383".
    static func stem(of path: String) -> String {
        let file = path.split(separator: "/", omittingEmptySubsequences: true).last.map(String.init) ?? path
        guard let dot = file.lastIndex(of: "."), dot != file.startIndex else { return file }
        return String(file[..<dot])
    }

    /// The index of the column named `name`: exact match first, then case-insensitive.
    func columnIndex(named name: String) -> Int? {
        header.firstIndex(of: name) ?? header.firstIndex { $0.lowercased() == name.lowercased() }
    }

    /// `missingColumn` for `name`, listing the value columns and the closest one.
    func missingColumn(_ name: String) -> IngestError {
        let candidates = valueColumns.map { header[$0] }
        return .missingColumn(
            path: path, name: name, available: header,
            suggestion: closestMatch(to: name, in: candidates))
    }

    /// The series name: stem, then container (when the file has a container column), then the
    /// metric or column (except for timestamp,value files).
    func seriesName(container: String?, metric: String) -> String {
        var parts = [stem]
        if let container, containerIndex != nil { parts.append(container) }
        if shape != .timestampValue { parts.append(metric) }
        return parts.joined(separator: "/")
    }
}
