import ArgumentParser
import Tracking

struct ExperimentsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "experiments", abstract: "List experiments: how many runs each has, how many are running, last activity.")

    @OptionGroup var options: RegistryOptions

    func run() throws {
        try options.emit(try options.openForReading().experiments(), table: RunReports.experiments)
    }
}
