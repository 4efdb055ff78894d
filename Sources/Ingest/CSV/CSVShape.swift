/// The layouts `CSVSeriesReader` understands, told apart by the header.
///
/// - `timestampValue`: exactly `timestamp,value`.
/// - `long`: `timestamp,[container,]metric,value`, one observation per row (the project's export format).
/// - `wide`: `timestamp,[container,]<one column per metric>`.
/// - `noTimestamp`: no timestamp column, one column per metric; row i (0-based) gets i·interval.
///
/// The timestamp column is the first named `timestamp`, `time`, `datetime`, `date` or `ts`
/// (case-insensitive); `container`, `metric` and `value` are matched case-insensitively too.
public enum CSVShape: String, Sendable, Equatable, CaseIterable {
    case timestampValue
    case long
    case wide
    case noTimestamp

    /// Words for messages: "a long (timestamp,container,metric,value) file".
    public var summary: String {
        switch self {
        case .timestampValue: return "timestamp,value"
        case .long: return "long (timestamp,container,metric,value)"
        case .wide: return "wide (timestamp,[container,]<metric columns>)"
        case .noTimestamp: return "timestamp-less (<metric columns>, row i at i·interval)"
        }
    }

    /// How a series is chosen in this shape.
    var selectionHint: String {
        switch self {
        case .timestampValue: return "this file holds one series, read it without a selection"
        case .long: return "select a series with --container and --metric"
        case .wide: return "select a series with --column (and --container when the file has a container column)"
        case .noTimestamp: return "select a series with --column"
        }
    }
}

/// One series of a multi-series file: its container (the file stem when the file has no
/// container column) and its metric (the `metric` field, or the column name).
public struct SeriesKey: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var container: String
    public var metric: String

    public init(container: String, metric: String) {
        self.container = container
        self.metric = metric
    }

    public static func < (a: SeriesKey, b: SeriesKey) -> Bool {
        (a.container, a.metric) < (b.container, b.metric)
    }

    public var description: String { "\(container)/\(metric)" }
}
