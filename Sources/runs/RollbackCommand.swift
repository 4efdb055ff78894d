import ArgumentParser
import Tracking

struct RollbackCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rollback", abstract: "Move an alias back one step of its history.")

    @OptionGroup var options: RegistryOptions
    @Argument(help: "Registered model name.") var model: String
    @Option(help: "Alias to move back.") var alias: String = "production"
    @Option(help: "Why, kept in the alias history.") var reason: String?

    func run() throws {
        try options.emit(try options.open().rollback(model: model, alias: alias, reason: reason), table: RegistryReports.rollback)
    }
}
