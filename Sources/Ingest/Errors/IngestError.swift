import Foundation

/// Every failure of the Ingest module. Each case carries the offending value and its
/// place; `description` is one line that says what is wrong and what to do.
public enum IngestError: Error, Sendable, Equatable, CustomStringConvertible, LocalizedError {
    /// The file cannot be opened or read.
    case unreadableFile(path: String, reason: String)
    /// The file holds no bytes (or only blank lines).
    case emptyFile(path: String)
    /// The file has a header line but no data rows.
    case noDataRows(path: String, header: [String])
    /// Two header fields share a name.
    case duplicateColumn(path: String, name: String, columns: [Int])
    /// A selected column is not in the header.
    case missingColumn(path: String, name: String, available: [String], suggestion: String?)
    /// The file has no timestamp column and no interval was given.
    case intervalRequired(path: String, columns: [String])
    /// The file holds several series and the selection does not pick one;
    /// `option` is the CLI flag that chooses among `choices`.
    case ambiguousSeries(path: String, option: String, choices: [String])
    /// No row has the selected container.
    case unknownContainer(path: String, name: String, available: [String], suggestion: String?)
    /// No row (of the selected container) has the selected metric.
    case unknownMetric(path: String, name: String, available: [String], suggestion: String?)
    /// A selection option does not apply to this file's shape (e.g. `--container` without a container column).
    case selectionNotApplicable(path: String, option: String, shape: CSVShape, columns: [String])
    /// `column` and `metric` were both given and name different columns of a wide file.
    case conflictingSelection(path: String, column: String, metric: String)
    /// One data row is bad; with `--on-bad-row skip` such rows are counted and skipped.
    case badRow(SourceLocation, RowProblem)
    /// Every data row of the selected series was bad and skipped.
    case noValidRows(path: String, skipped: Int, firstProblem: String)
    /// An interval text such as "15s" cannot be read.
    case invalidInterval(text: String, reason: String)
    /// An output file could not be written; nothing was left at `path`.
    case writeFailed(path: String, reason: String)
    /// A counter file of the local collector is missing or unreadable.
    case counterUnavailable(path: String, reason: String)
    /// A generator or collector setting is out of range.
    case invalidSetting(name: String, value: String, expected: String)

    public var description: String {
        switch self {
        case let .unreadableFile(path, reason):
            return "\(path): cannot read the file (\(reason)); check the path and permissions"
        case let .emptyFile(path):
            return "\(path): the file is empty; expected a header line such as \"timestamp,value\" followed by data rows"
        case let .noDataRows(path, header):
            return "\(path):1: the file has a header (\(header.joined(separator: ","))) but no data rows; expected at least one row"
        case let .duplicateColumn(path, name, columns):
            return "\(path):1: column \(quoted(name)) appears more than once (fields \(columns.map(String.init).joined(separator: ", "))); "
                + "rename one so each column has a distinct name"
        case let .missingColumn(path, name, available, suggestion):
            return "\(path):1: no column \(quoted(name)); the columns are \(available.joined(separator: ", "))"
                + didYouMean(suggestion)
        case let .intervalRequired(path, columns):
            return "\(path):1: the file has no timestamp column (columns: \(columns.joined(separator: ", "))); "
                + "give the sampling interval (e.g. --interval 300s) so row i gets timestamp i·interval"
        case let .ambiguousSeries(path, option, choices):
            return "\(path): the file holds several series; choose one with \(option) (one of: \(choices.joined(separator: ", ")))"
        case let .unknownContainer(path, name, available, suggestion):
            return "\(path): no rows for container \(quoted(name)); available containers: \(available.joined(separator: ", "))"
                + didYouMean(suggestion)
        case let .unknownMetric(path, name, available, suggestion):
            return "\(path): no rows for metric \(quoted(name)); available metrics: \(available.joined(separator: ", "))"
                + didYouMean(suggestion)
        case let .selectionNotApplicable(path, option, shape, columns):
            return "\(path):1: \(option) does not apply to a \(shape.summary) file (columns: \(columns.joined(separator: ", "))); "
                + shape.selectionHint
        case let .conflictingSelection(path, column, metric):
            return "\(path): --column \(quoted(column)) and --metric \(quoted(metric)) name different columns of a wide file; give only one"
        case let .badRow(location, problem):
            return "\(location): \(problem.message)"
        case let .noValidRows(path, skipped, firstProblem):
            return "\(path): all \(skipped) data row\(skipped == 1 ? "" : "s") of the selected series were bad and skipped; "
                + "the first: \(firstProblem)"
        case let .invalidInterval(text, reason):
            return "\(quoted(text)) is not an interval (\(reason)); expected a positive number of seconds "
                + "with an optional unit ms, s, m, h or d, such as 15s, 5m, 1h or 300"
        case let .writeFailed(path, reason):
            return "\(path): cannot write the file (\(reason)); nothing was written; check that the folder exists and is writable"
        case let .counterUnavailable(path, reason):
            return "\(path): cannot read this counter (\(reason)); the collector needs Linux cgroup v2 or /proc"
        case let .invalidSetting(name, value, expected):
            return "\(name) \(quoted(value)) is out of range; expected \(expected)"
        }
    }

    public var errorDescription: String? { description }

    private func didYouMean(_ suggestion: String?) -> String {
        guard let suggestion else { return "" }
        return " — did you mean \(quoted(suggestion))?"
    }
}
