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
    /// No attempt reached the Prometheus server at `url` (connection refused, timeout, HTTP 5xx).
    case prometheusUnreachable(url: String, attempts: Int, reason: String)
    /// Prometheus refused `query` (bad PromQL, a bad parameter): its own `errorType` and text.
    case prometheusQueryRejected(query: String, status: Int, errorType: String, message: String)
    /// `query` matched no series between `start` and `end` (seconds since 1970; equal for an instant query).
    case prometheusEmptyResult(query: String, start: Double, end: Double)
    /// `query` returned `count` series where one was expected.
    case prometheusSeveralSeries(query: String, count: Int, labels: String)
    /// `query` returned `found` finite points, fewer than the `needed` ones.
    case prometheusTooFewPoints(query: String, found: Int, needed: Int)
    /// The server at `url` answered with something that is not Prometheus's JSON API.
    case prometheusBadResponse(url: String, reason: String)

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
        case let .prometheusUnreachable(url, attempts, reason):
            return "cannot reach Prometheus at \(url) after \(attempts) attempt\(attempts == 1 ? "" : "s") (\(reason)); "
                + "check the URL (e.g. http://127.0.0.1:9090) and that the server is up"
        case let .prometheusQueryRejected(query, status, errorType, message):
            return "Prometheus rejected the query \(quoted(query)) (HTTP \(status), \(errorType)): \(message); fix the PromQL"
        case let .prometheusEmptyResult(query, start, end):
            let range = start == end ? "at \(CivilTime.iso8601(epochSeconds: start))"
                : "from \(CivilTime.iso8601(epochSeconds: start)) to \(CivilTime.iso8601(epochSeconds: end))"
            return "the query \(quoted(query)) returned no data \(range); check the container label "
                + "(e.g. count by (container) (container_memory_working_set_bytes)) and the time range"
        case let .prometheusSeveralSeries(query, count, labels):
            return "the query \(quoted(query)) returned \(count) series (\(labels)) where one was expected; "
                + "aggregate it, e.g. sum(...), or narrow its label selector"
        case let .prometheusTooFewPoints(query, found, needed):
            return "the query \(quoted(query)) returned \(found) point\(found == 1 ? "" : "s"), \(needed) are needed; "
                + "fetch a longer range (--since) or a shorter step"
        case let .prometheusBadResponse(url, reason):
            return "\(url) did not answer as Prometheus's HTTP API does (\(reason)); check that the URL points at a Prometheus server"
        }
    }

    public var errorDescription: String? { description }

    private func didYouMean(_ suggestion: String?) -> String {
        guard let suggestion else { return "" }
        return " — did you mean \(quoted(suggestion))?"
    }
}
