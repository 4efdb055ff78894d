/// Turns a `SeriesSelection` into the rows and columns to read, applying the defaults of
/// `CSVSeriesReader` and rejecting options that do not fit the file's shape.
struct SelectionResolver {
    let layout: CSVLayout
    /// Positioned at the first data row; copied, never advanced for the caller.
    let scanner: CSVScanner
    let options: CSVReadOptions

    private var selection: SeriesSelection { options.selection }

    /// Exactly one series, or an error saying which choice is open.
    func singleSeriesFilter() throws(IngestError) -> ScanFilter {
        switch layout.shape {
        case .timestampValue:
            return try timestampValueFilter()
        case .long:
            try rejectColumnOnLong()
            var container = selection.container
            var metric = selection.metric
            guard (container == nil && layout.containerIndex != nil) || metric == nil else {
                return ScanFilter(container: container, metric: metric, columns: layout.valueColumns)
            }
            let names = try collectNames()
            if container == nil, layout.containerIndex != nil {
                guard names.containers.count <= 1 else {
                    throw .ambiguousSeries(path: layout.path, option: "--container", choices: names.containers)
                }
                container = names.containers.first
            }
            if metric == nil {
                let metrics = container.map { names.metrics(of: $0) } ?? names.allMetrics
                guard metrics.count <= 1 else { throw .ambiguousSeries(path: layout.path, option: "--metric", choices: metrics) }
                metric = metrics.first
            }
            return ScanFilter(container: container, metric: metric, columns: layout.valueColumns)
        case .wide, .noTimestamp:
            try rejectContainerWithoutColumn()
            let column: Int
            if let chosen = try selectedColumn() { column = chosen } else { column = try defaultColumn() }
            var container = selection.container
            if container == nil, layout.containerIndex != nil {
                let names = try collectNames()
                guard names.containers.count <= 1 else {
                    throw .ambiguousSeries(path: layout.path, option: "--container", choices: names.containers)
                }
                container = names.containers.first
            }
            return ScanFilter(container: container, metric: nil, columns: [column])
        }
    }

    /// Every series the selection allows.
    func multiSeriesFilter() throws(IngestError) -> ScanFilter {
        switch layout.shape {
        case .timestampValue:
            return try timestampValueFilter()
        case .long:
            try rejectColumnOnLong()
            return ScanFilter(container: selection.container, metric: selection.metric, columns: layout.valueColumns)
        case .wide, .noTimestamp:
            try rejectContainerWithoutColumn()
            let columns = try selectedColumn().map { [$0] } ?? layout.valueColumns
            return ScanFilter(container: selection.container, metric: nil, columns: columns)
        }
    }

    private func timestampValueFilter() throws(IngestError) -> ScanFilter {
        if selection.container != nil { throw notApplicable("--container") }
        if selection.metric != nil { throw notApplicable("--metric") }
        if let column = selection.column, column.lowercased() != "value" { throw layout.missingColumn(column) }
        return ScanFilter(container: nil, metric: nil, columns: layout.valueColumns)
    }

    private func rejectColumnOnLong() throws(IngestError) {
        if let column = selection.column, column.lowercased() != "value" { throw notApplicable("--column") }
        if selection.container != nil, layout.containerIndex == nil { throw notApplicable("--container") }
    }

    private func rejectContainerWithoutColumn() throws(IngestError) {
        if selection.container != nil, layout.containerIndex == nil { throw notApplicable("--container") }
    }

    /// The value column named by `column` (or `metric`, its synonym in wide files).
    private func selectedColumn() throws(IngestError) -> Int? {
        if let column = selection.column, let metric = selection.metric, column.lowercased() != metric.lowercased() {
            throw .conflictingSelection(path: layout.path, column: column, metric: metric)
        }
        guard let name = selection.column ?? selection.metric else { return nil }
        guard let index = layout.columnIndex(named: name), layout.valueColumns.contains(index) else {
            throw layout.missingColumn(name)
        }
        return index
    }

    /// The only value column whose first data row holds a number.
    private func defaultColumn() throws(IngestError) -> Int {
        if layout.valueColumns.count == 1 { return layout.valueColumns[0] }
        var copy = scanner
        var fields: [FieldSpan] = []
        guard try copy.nextRecord(into: &fields) != nil else { throw .noDataRows(path: layout.path, header: layout.header) }
        let numeric = layout.valueColumns.filter { column in
            guard column < fields.count else { return false }
            if case .number = DecimalParser.parse(copy.bytes, fields[column].start, fields[column].end) { return true }
            return false
        }
        if numeric.count == 1 { return numeric[0] }
        let choices = (numeric.isEmpty ? layout.valueColumns : numeric).map { layout.header[$0] }
        throw .ambiguousSeries(path: layout.path, option: "--column", choices: choices)
    }

    /// Container and metric names of the whole file (one cheap pass without values).
    private func collectNames() throws(IngestError) -> ScanOutcome {
        var copy = scanner
        let scan = RowScan(layout: layout, policy: .skip, interval: options.interval,
                           filter: ScanFilter(container: nil, metric: nil, columns: []))
        let outcome = try scan.run(&copy, collectOnly: true)
        guard outcome.dataRows > 0 else { throw .noDataRows(path: layout.path, header: layout.header) }
        return outcome
    }

    private func notApplicable(_ option: String) -> IngestError {
        .selectionNotApplicable(path: layout.path, option: option, shape: layout.shape, columns: layout.header)
    }
}
