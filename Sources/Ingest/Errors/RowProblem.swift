import Foundation

/// What is wrong with one data row; `IngestError.badRow` pairs it with its location.
public enum RowProblem: Sendable, Equatable {
    /// The field is not a decimal number (`value` is the field as written).
    case notANumber(value: String, column: String)
    /// The field is NaN or infinite, or overflows a Double.
    case notFinite(value: String, column: String)
    /// The field is empty.
    case emptyField(column: String)
    /// The timestamp field cannot be read; `reason` says which part is wrong.
    case badTimestamp(value: String, column: String, reason: String)
    /// The timestamp is earlier than the previous row's of the same series.
    case decreasingTimestamp(value: String, seconds: Double, previousSeconds: Double, previousLine: Int)
    /// The row has another number of fields than the header.
    case fieldCount(found: Int, expected: Int)
    /// A quoted field is not closed, or text follows its closing quote.
    case malformedQuote(detail: String)

    /// The sentence after `file:line:column: `.
    var message: String {
        let skipHint = "(use --on-bad-row skip to skip such rows)"
        switch self {
        case let .notANumber(value, column):
            return "\(quoted(value)) is not a number; expected a finite decimal value in column \(quoted(column)) \(skipHint)"
        case let .notFinite(value, column):
            return "\(quoted(value)) is not a finite number; expected a finite decimal value in column \(quoted(column)) \(skipHint)"
        case let .emptyField(column):
            return "the field is empty; expected a finite decimal value in column \(quoted(column)) \(skipHint)"
        case let .badTimestamp(value, column, reason):
            return "\(quoted(value)) is not a timestamp (\(reason)); expected YYYY-MM-DD HH:MM:SS (taken as UTC), "
                + "ISO 8601 such as 2014-02-14T14:27:00Z or 2014-02-14T15:27:00+01:00, or seconds since 1970 "
                + "in column \(quoted(column)) \(skipHint)"
        case let .decreasingTimestamp(value, seconds, previousSeconds, previousLine):
            return "timestamp \(quoted(value)) (\(formatSeconds(seconds)) s) is earlier than the one on line \(previousLine) "
                + "(\(formatSeconds(previousSeconds)) s); rows must be in time order (equal timestamps are kept): "
                + "sort the file by timestamp \(skipHint)"
        case let .fieldCount(found, expected):
            return "the row has \(found) field\(found == 1 ? "" : "s") but the header has \(expected) columns; "
                + "check for a missing or extra comma \(skipHint)"
        case let .malformedQuote(detail):
            return "\(detail); close the quote or escape inner quotes as \"\" \(skipHint)"
        }
    }
}

/// `"text"` with inner quotes escaped, for messages.
func quoted(_ text: String) -> String {
    "\"" + text.replacingOccurrences(of: "\"", with: "\\\"") + "\""
}

/// Whole seconds without a trailing `.0`, other values as Swift prints them.
func formatSeconds(_ seconds: Double) -> String {
    if seconds == seconds.rounded(), abs(seconds) < 1e15 { return String(Int64(seconds)) }
    return String(seconds)
}
