import ArgumentParser
import Tracking

struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show a run: params, latest metrics with history summary, stage outcomes, artifacts, lineage, children.")

    @OptionGroup var options: RegistryOptions
    @Argument(help: ArgumentHelp("Run id or unique prefix.", valueName: "run")) var runPrefix: String

    func run() throws {
        let registry = try options.openForReading()
        try options.emit(try registry.runDetails(registry.resolveRun(runPrefix)), table: RunReports.show)
    }
}
