import ArgumentParser
import Tracking

struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Side-by-side metrics of several runs, best per row marked among runs of the same series.",
        discussion: """
        Columns are headed by run names (with an id suffix when names repeat); the first rows are the params \
        and tags that differ between the runs. A run's series is its tags series, container and metric; the \
        best value of a row is marked only among runs of the same series unless --across-series is given. \
        Tables are split into pages of columns that fit $COLUMNS (else the terminal's width, else 80).
        """)

    @OptionGroup var options: RegistryOptions
    @Argument(help: "Runs (ids or prefixes).") var runs: [String] = []
    @Option(help: "Compare the runs matching this filter instead of listed runs.") var filter: String?
    @Option(help: "With --filter: at most this many runs.") var limit: Int = 20
    @Option(help: "Metric to show (repeatable; default: all).") var metric: [String] = []
    @Flag(help: "Mark the best value over all runs, even when they forecast different series.") var acrossSeries = false

    func validate() throws {
        if runs.isEmpty == (filter == nil) { throw ValidationError("Give run ids or --filter EXPR (one of the two).") }
    }

    func run() throws {
        let registry = try options.openForReading()
        let ids = try filter.map { try registry.searchRuns(RunSearch(filter: $0, limit: limit)).runs.map(\.id) }
            ?? runs.map(registry.resolveRun)
        let width = TerminalWidth.current()
        try options.emit(try registry.compare(ids, metrics: metric, acrossSeries: acrossSeries)) { RunReports.compare($0, width: width) }
    }
}
