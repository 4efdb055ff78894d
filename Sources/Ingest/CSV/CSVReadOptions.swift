import Series

/// What to do with a data row that cannot be read (bad number, bad timestamp, wrong
/// field count, timestamp earlier than the previous row's).
public enum BadRowPolicy: String, Sendable, CaseIterable {
    /// Stop at the first bad row with an error naming file:line:column.
    case fail
    /// Leave the row out and count it in `SeriesReadResult.skippedRows`.
    case skip
}

/// Which series of a file to read. All nil means "the only series there is".
///
/// - `column`: a value column of a wide or timestamp-less file (`value` for the other shapes).
/// - `container`: rows whose container field equals it (long files, wide files with a container column).
/// - `metric`: rows whose metric field equals it (long files); in wide files a synonym of `column`.
public struct SeriesSelection: Sendable, Equatable {
    public var column: String?
    public var container: String?
    public var metric: String?

    public init(column: String? = nil, container: String? = nil, metric: String? = nil) {
        self.column = column
        self.container = container
        self.metric = metric
    }
}

public struct CSVReadOptions: Sendable, Equatable {
    public var selection: SeriesSelection
    /// Seconds between rows, for files without a timestamp column (ignored otherwise).
    public var interval: Double?
    public var onBadRow: BadRowPolicy

    public init(selection: SeriesSelection = SeriesSelection(), interval: Double? = nil, onBadRow: BadRowPolicy = .fail) {
        self.selection = selection
        self.interval = interval
        self.onBadRow = onBadRow
    }
}

/// One series read from a file, with how many rows were skipped under `.skip`.
public struct SeriesReadResult: Sendable, Equatable {
    /// Named `<file stem>[/<container>][/<column or metric>]`; timestamps in seconds, in file order.
    public var series: TimeSeries
    public var skippedRows: Int
    public var shape: CSVShape

    public init(series: TimeSeries, skippedRows: Int, shape: CSVShape) {
        self.series = series
        self.skippedRows = skippedRows
        self.shape = shape
    }
}

/// Every series read from a file, with how many rows were skipped under `.skip`.
public struct MultiSeriesReadResult: Sendable, Equatable {
    public var series: [SeriesKey: TimeSeries]
    public var skippedRows: Int
    public var shape: CSVShape

    public init(series: [SeriesKey: TimeSeries], skippedRows: Int, shape: CSVShape) {
        self.series = series
        self.skippedRows = skippedRows
        self.shape = shape
    }
}
