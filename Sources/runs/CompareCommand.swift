import ArgumentParser
import Tracking

struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare", abstract: "Side-by-side metrics of several runs, best per row marked.")

    @OptionGroup var options: RegistryOptions
    @Argument(help: "Runs (ids or prefixes).") var runs: [String] = []
    @Option(help: "Compare the runs matching this filter instead of listed runs.") var filter: String?
    @Option(help: "With --filter: at most this many runs.") var limit: Int = 20
    @Option(help: "Metric to show (repeatable; default: all).") var metric: [String] = []

    func validate() throws {
        if runs.isEmpty == (filter == nil) { throw ValidationError("Give run ids or --filter EXPR (one of the two).") }
    }

    func run() throws {
        let registry = try options.openForReading()
        let ids = try filter.map { try registry.searchRuns(RunSearch(filter: $0, limit: limit)).runs.map(\.id) }
            ?? runs.map(registry.resolveRun)
        try options.emit(try registry.compare(ids, metrics: metric), table: RunReports.compare)
    }
}
