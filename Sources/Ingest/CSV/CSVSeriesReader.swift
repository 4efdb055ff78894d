import Series

/// Reads time series from CSV files of the shapes in `CSVShape`. Pure: it only reads.
///
/// Defaults when the selection leaves a choice open: a timestamp,value file gives its value
/// column; a wide file with exactly one numeric column (judged on the first data row) gives
/// that column; a long file with one container or one metric gives it. Any other open choice
/// is an `ambiguousSeries` error listing the choices.
public enum CSVSeriesReader {
    /// One series, chosen by `options.selection`.
    public static func read(path: String, options: CSVReadOptions = CSVReadOptions()) throws(IngestError) -> SeriesReadResult {
        var (scanner, layout) = try open(path: path, options: options)
        let filter = try SelectionResolver(layout: layout, scanner: scanner, options: options).singleSeriesFilter()
        let outcome = try RowScan(layout: layout, policy: options.onBadRow, interval: options.interval, filter: filter)
            .run(&scanner)
        try checkSelectionMatched(outcome, filter: filter, layout: layout)
        guard let accumulator = outcome.series.first else { throw noMatch(outcome, filter: filter, layout: layout) }
        guard !accumulator.values.isEmpty else {
            throw .noValidRows(path: path, skipped: outcome.skippedRows,
                               firstProblem: outcome.firstProblem.map(\.description) ?? "no rows matched")
        }
        let series = TimeSeries(
            name: layout.seriesName(container: accumulator.key.container, metric: accumulator.key.metric),
            timestamps: accumulator.timestamps, values: accumulator.values)
        return SeriesReadResult(series: series, skippedRows: outcome.skippedRows, shape: layout.shape)
    }

    /// Every series of the file (narrowed by the selection's container, metric and column
    /// when given), keyed by (container, metric). Files without a container column use the
    /// file stem as container; wide files use column names as metrics, timestamp,value files `value`.
    /// Under `.skip`, bad rows are left out of every series.
    public static func readAll(path: String, options: CSVReadOptions = CSVReadOptions()) throws(IngestError) -> [SeriesKey: TimeSeries] {
        try readAllSeries(path: path, options: options).series
    }

    /// `readAll` with the count of skipped rows and the file's shape.
    public static func readAllSeries(path: String, options: CSVReadOptions = CSVReadOptions()) throws(IngestError) -> MultiSeriesReadResult {
        var (scanner, layout) = try open(path: path, options: options)
        let filter = try SelectionResolver(layout: layout, scanner: scanner, options: options).multiSeriesFilter()
        let outcome = try RowScan(layout: layout, policy: options.onBadRow, interval: options.interval, filter: filter)
            .run(&scanner)
        try checkSelectionMatched(outcome, filter: filter, layout: layout)
        var result: [SeriesKey: TimeSeries] = [:]
        for accumulator in outcome.series where !accumulator.values.isEmpty {
            result[accumulator.key] = TimeSeries(
                name: layout.seriesName(container: accumulator.key.container, metric: accumulator.key.metric),
                timestamps: accumulator.timestamps, values: accumulator.values)
        }
        guard !result.isEmpty else {
            if outcome.skippedRows > 0 {
                throw .noValidRows(path: path, skipped: outcome.skippedRows,
                                   firstProblem: outcome.firstProblem.map(\.description) ?? "no rows matched")
            }
            throw noMatch(outcome, filter: filter, layout: layout)
        }
        return MultiSeriesReadResult(series: result, skippedRows: outcome.skippedRows, shape: layout.shape)
    }

    /// The file's shape and header, without reading the data rows.
    public static func inspect(path: String) throws(IngestError) -> (shape: CSVShape, columns: [String]) {
        let (_, layout) = try open(path: path, options: CSVReadOptions())
        return (layout.shape, layout.header)
    }

    /// Loads the file and reads its header; the scanner is left at the first data row.
    private static func open(path: String, options: CSVReadOptions) throws(IngestError) -> (CSVScanner, CSVLayout) {
        var scanner = try CSVScanner.load(path: path)
        var fields: [FieldSpan] = []
        guard try scanner.nextRecord(into: &fields) != nil else { throw .emptyFile(path: path) }
        let layout = try CSVLayout(path: path, header: fields.map { scanner.text($0) })
        if layout.shape == .noTimestamp {
            guard let interval = options.interval else { throw .intervalRequired(path: path, columns: layout.header) }
            guard interval.isFinite, interval > 0 else {
                throw .invalidSetting(name: "interval", value: String(interval), expected: "a positive number of seconds")
            }
        }
        return (scanner, layout)
    }

    /// The selected container or metric must occur in the file.
    private static func checkSelectionMatched(_ outcome: ScanOutcome, filter: ScanFilter, layout: CSVLayout) throws(IngestError) {
        guard outcome.dataRows > 0 else { throw .noDataRows(path: layout.path, header: layout.header) }
        if let container = filter.container, !outcome.containers.contains(container) {
            throw .unknownContainer(
                path: layout.path, name: container, available: outcome.containers,
                suggestion: closestMatch(to: container, in: outcome.containers))
        }
        if let metric = filter.metric {
            let available = filter.container.map { outcome.metrics(of: $0) }
                ?? outcome.allMetrics
            if !available.contains(metric) {
                throw .unknownMetric(
                    path: layout.path, name: metric, available: available,
                    suggestion: closestMatch(to: metric, in: available))
            }
        }
    }

    /// The error when no series matched although the names exist (e.g. every row was skipped).
    private static func noMatch(_ outcome: ScanOutcome, filter: ScanFilter, layout: CSVLayout) -> IngestError {
        .noValidRows(path: layout.path, skipped: outcome.skippedRows,
                     firstProblem: outcome.firstProblem.map(\.description) ?? "no row matched the selection")
    }
}
