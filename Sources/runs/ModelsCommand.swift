import ArgumentParser
import Tracking

struct ModelsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "models", abstract: "Registered models, their versions, aliases and alias history.")

    @OptionGroup var options: RegistryOptions
    @Argument(help: "Only this model.") var name: String?

    func run() throws {
        try options.emit(try options.openForReading().models(named: name), table: RegistryReports.models)
    }
}
