import ArgumentParser
import Ingest

/// Flags that pick one series out of a CSV file and say how to read it.
struct SeriesSelectionOptions: ParsableArguments {
    @Option(name: .long, help: "Column of a wide CSV (for example avg_cpu).")
    var column: String?

    @Option(name: .long, help: "Container of a long or wide CSV.")
    var container: String?

    @Option(name: .long, help: "Metric of a long CSV (cpu, memory, disk_reads, disk_writes, network_rx, network_tx).")
    var metric: String?

    @Option(name: .long, help: "Sampling interval for files without a timestamp column (15s, 5m, 300).")
    var interval: String?

    @Option(name: .customLong("on-bad-row"), help: "fail (default) or skip rows with bad values, and count them.")
    var onBadRow: BadRowPolicy = .fail

    func readOptions() throws -> CSVReadOptions {
        CSVReadOptions(
            selection: SeriesSelection(column: column, container: container, metric: metric),
            interval: try interval.map { try IntervalParser.seconds(from: $0) },
            onBadRow: onBadRow
        )
    }
}

extension BadRowPolicy: ExpressibleByArgument {}
