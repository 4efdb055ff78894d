/// Which rows and columns a scan keeps. `nil` container or metric keeps all.
struct ScanFilter: Sendable {
    var container: String?
    /// Long files: the metric field's value to keep.
    var metric: String?
    /// The value columns to read (long and timestamp,value files: the value column).
    var columns: [Int]
}

/// The points of one series gathered during a scan.
struct SeriesAccumulator: Sendable {
    var key: SeriesKey
    var timestamps: [Double] = []
    var values: [Double] = []
    var lastLine = 0
}

/// What one pass over the data rows found.
struct ScanOutcome: Sendable {
    /// Every container seen (the file stem alone when there is no container column).
    var containers: [String]
    /// Long files: metric names seen per container id; wide files: the value column names for every container.
    var metricsByContainer: [[String]]
    var series: [SeriesAccumulator]
    var dataRows: Int
    var skippedRows: Int
    var firstProblem: IngestError?

    /// Metric names over all containers, in order of first sight.
    var allMetrics: [String] {
        var seen = Set<String>()
        return metricsByContainer.joined().filter { seen.insert($0).inserted }
    }

    func metrics(of container: String) -> [String] {
        guard let id = containers.firstIndex(of: container) else { return [] }
        return metricsByContainer[id]
    }
}

/// One pass over the data rows of a CSV file (the header already consumed).
///
/// Each row belongs to a container (its container field, else the file stem) and feeds one
/// series per selected value column (long files: one series per metric field value).
/// A row is bad when its field count differs from the header, its timestamp or a selected
/// value cannot be read, or its timestamp is earlier than the previous one of the same
/// series; bad rows throw under `.fail` and are counted and left out of every series
/// under `.skip`. With `collectOnly`, only the container and metric names are gathered.
struct RowScan {
    let layout: CSVLayout
    let policy: BadRowPolicy
    let interval: Double?
    let filter: ScanFilter

    func run(_ scanner: inout CSVScanner, collectOnly: Bool = false) throws(IngestError) -> ScanOutcome {
        var containers = NameCatalog()
        var metrics = NameCatalog()
        /// slots[container id][metric id]: accumulator index, -1 for "not selected".
        var slots: [[Int]] = []
        var accumulators: [SeriesAccumulator] = []
        var metricSeen: [[Bool]] = []
        let columnMetricIds = layout.shape == .long ? [] : filter.columns.map { metrics.register(layout.header[$0]) }
        let containerFilter = filter.container
        let metricFilter = filter.metric
        var outcome = ScanOutcome(containers: [], metricsByContainer: [], series: [], dataRows: 0, skippedRows: 0)
        var fields: [FieldSpan] = []
        fields.reserveCapacity(layout.header.count)
        var rowSlots: [Int] = []
        var rowValues: [Double] = []
        var rowIndex = -1

        func reject(_ error: IngestError) throws(IngestError) {
            if collectOnly { return }
            if policy == .fail { throw error }
            outcome.skippedRows += 1
            if outcome.firstProblem == nil { outcome.firstProblem = error }
        }

        while true {
            let line: Int
            do {
                guard let next = try scanner.nextRecord(into: &fields) else { break }
                line = next
            } catch {
                rowIndex += 1
                outcome.dataRows += 1
                try reject(error)
                scanner.skipToNextLine()
                continue
            }
            rowIndex += 1
            outcome.dataRows += 1
            guard fields.count == layout.header.count else {
                let location = SourceLocation(path: layout.path, line: line, column: min(fields.count, layout.header.count + 1))
                try reject(.badRow(location, .fieldCount(found: fields.count, expected: layout.header.count)))
                continue
            }
            let containerId = layout.containerIndex.map { containers.id(of: fields[$0], in: scanner) } ?? containers.register(layout.stem)
            while slots.count <= containerId {
                slots.append([])
                metricSeen.append([])
            }
            let containerName = containers.names[containerId]
            // Series of this row.
            rowSlots.removeAll(keepingCapacity: true)
            if let metricIndex = layout.metricIndex {
                let metricId = metrics.id(of: fields[metricIndex], in: scanner)
                while metricSeen[containerId].count <= metricId { metricSeen[containerId].append(false) }
                metricSeen[containerId][metricId] = true
                if collectOnly { continue }
                let slot = slotIndex(containerId, metricId, &slots, &accumulators) {
                    let metricName = metrics.names[metricId]
                    let selected = (containerFilter == nil || containerFilter == containerName)
                        && (metricFilter == nil || metricFilter == metricName)
                    return selected ? SeriesKey(container: containerName, metric: metricName) : nil
                }
                if slot >= 0 { rowSlots.append(slot) }
            } else {
                if collectOnly { continue }
                for metricId in columnMetricIds {
                    let slot = slotIndex(containerId, metricId, &slots, &accumulators) {
                        containerFilter == nil || containerFilter == containerName
                            ? SeriesKey(container: containerName, metric: metrics.names[metricId]) : nil
                    }
                    if slot >= 0 { rowSlots.append(slot) }
                }
            }
            if rowSlots.isEmpty { continue }
            // Timestamp.
            let timestamp: Double
            if let timestampIndex = layout.timestampIndex {
                let span = fields[timestampIndex]
                switch TimestampParser.parse(scanner.bytes, span.start, span.end) {
                case let .success(seconds):
                    timestamp = seconds
                case let .failure(.malformed(reason)):
                    let location = SourceLocation(path: layout.path, line: line, column: timestampIndex + 1)
                    try reject(.badRow(location, .badTimestamp(
                        value: scanner.text(span), column: layout.header[timestampIndex], reason: reason)))
                    continue
                }
            } else {
                timestamp = Double(rowIndex) * (interval ?? 1)
            }
            // Values.
            rowValues.removeAll(keepingCapacity: true)
            var rowIsBad = false
            for position in rowSlots.indices {
                let column = layout.shape == .long ? filter.columns[0] : filter.columns[position]
                let span = fields[column]
                let problem: RowProblem
                switch DecimalParser.parse(scanner.bytes, span.start, span.end) {
                case let .number(value):
                    rowValues.append(value)
                    continue
                case .empty: problem = .emptyField(column: layout.header[column])
                case .notFinite: problem = .notFinite(value: scanner.text(span), column: layout.header[column])
                case .notANumber: problem = .notANumber(value: scanner.text(span), column: layout.header[column])
                }
                try reject(.badRow(SourceLocation(path: layout.path, line: line, column: column + 1), problem))
                rowIsBad = true
                break
            }
            if rowIsBad { continue }
            // Order: equal timestamps are kept in file order, earlier ones are bad.
            if let slot = rowSlots.first(where: { accumulators[$0].timestamps.last.map { timestamp < $0 } ?? false }),
               let previous = accumulators[slot].timestamps.last {
                let column = (layout.timestampIndex ?? 0) + 1
                let text = layout.timestampIndex.map { scanner.text(fields[$0]) } ?? formatSeconds(timestamp)
                try reject(.badRow(
                    SourceLocation(path: layout.path, line: line, column: column),
                    .decreasingTimestamp(value: text, seconds: timestamp, previousSeconds: previous,
                                         previousLine: accumulators[slot].lastLine)))
                continue
            }
            for (position, slot) in rowSlots.enumerated() {
                accumulators[slot].timestamps.append(timestamp)
                accumulators[slot].values.append(rowValues[position])
                accumulators[slot].lastLine = line
            }
        }
        outcome.containers = containers.names
        let valueColumnNames = layout.valueColumns.map { layout.header[$0] }
        outcome.metricsByContainer = metricSeen.map { seen in
            layout.shape == .long ? seen.indices.filter { seen[$0] }.map { metrics.names[$0] } : valueColumnNames
        }
        outcome.series = accumulators
        return outcome
    }

    /// The accumulator index of (container, metric), creating it on first sight:
    /// `keyIfSelected` returns the key when the series is kept, nil when it is not (-1).
    private func slotIndex(
        _ containerId: Int, _ metricId: Int, _ slots: inout [[Int]], _ accumulators: inout [SeriesAccumulator],
        keyIfSelected: () -> SeriesKey?
    ) -> Int {
        if metricId < slots[containerId].count, slots[containerId][metricId] != -2 {
            return slots[containerId][metricId]
        }
        while slots[containerId].count <= metricId { slots[containerId].append(-2) }
        if let key = keyIfSelected() {
            accumulators.append(SeriesAccumulator(key: key))
            slots[containerId][metricId] = accumulators.count - 1
        } else {
            slots[containerId][metricId] = -1
        }
        return slots[containerId][metricId]
    }
}
