import ArgumentParser
import Ingest

/// Flags that choose one series of a CSV file, shared by every command that reads one
/// (`--column`, `--container`, `--metric`, `--interval` for timestamp-less files, `--on-bad-row`).
struct SeriesInputOptions: ParsableArguments {
    @Option(help: "Value column of a wide or timestamp-less file (e.g. avg_cpu).")
    var column: String?

    @Option(help: "Container of a long file (or of a wide file with a container column).")
    var container: String?

    @Option(help: "Metric of a long file (cpu, memory, disk_reads, …).")
    var metric: String?

    @Option(name: .customLong("interval"), help: "Seconds between rows of a file without a timestamp column: 300, 5m, …")
    var rowInterval: String?

    @Option(help: "What to do with a bad row: fail (stop with its file:line:column) or skip (count and leave it out).")
    var onBadRow = BadRowPolicy.fail.rawValue

    func validate() throws {
        _ = try readOptions()
    }

    /// The reader options these flags describe.
    func readOptions() throws -> CSVReadOptions {
        guard let policy = BadRowPolicy(rawValue: onBadRow) else {
            let choices = BadRowPolicy.allCases.map(\.rawValue).joined(separator: " or ")
            throw ValidationError("--on-bad-row \"\(onBadRow)\" is not a policy; expected \(choices)")
        }
        return CSVReadOptions(
            selection: SeriesSelection(column: column, container: container, metric: metric),
            interval: try rowInterval.map { try IntervalArgument.seconds($0, option: "--interval") },
            onBadRow: policy)
    }
}
