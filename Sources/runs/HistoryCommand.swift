import ArgumentParser
import Tracking

struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history", abstract: "Every logged value of one metric of a run, with a sparkline.")

    @OptionGroup var options: RegistryOptions
    @Argument(help: ArgumentHelp("Run id or unique prefix.", valueName: "run")) var runPrefix: String
    @Option(help: "Metric key.") var metric: String

    func run() throws {
        let registry = try options.openForReading()
        try options.emit(try registry.history(registry.resolveRun(runPrefix), metric: metric)) { RunReports.history($0) }
    }
}
