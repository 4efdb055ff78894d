import ArgumentParser
import Tracking

struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff", abstract: "Params that differ and every metric's change from run A to run B.")

    @OptionGroup var options: RegistryOptions
    @Argument(help: "Run A (id or prefix).") var runA: String
    @Argument(help: "Run B (id or prefix).") var runB: String

    func run() throws {
        let registry = try options.openForReading()
        try options.emit(try registry.diff(registry.resolveRun(runA), registry.resolveRun(runB)), table: RunReports.diff)
    }
}
