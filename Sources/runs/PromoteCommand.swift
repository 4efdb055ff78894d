import ArgumentParser
import Tracking

struct PromoteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "promote",
        abstract: "Register a model version from a run's model artifact and move an alias to it, in one transaction.")

    @OptionGroup var options: RegistryOptions
    @Argument(help: ArgumentHelp("Run id or unique prefix.", valueName: "run")) var runPrefix: String
    @Option(help: "Registered model name.") var model: String
    @Option(help: "Alias to move to the new version.") var alias: String = "production"
    @Option(help: "The run's artifact to register (default: its only artifact of kind 'model').") var artifact: String?
    @Option(help: "Why, kept in the alias history.") var reason: String?

    func run() throws {
        let registry = try options.open()
        let promotion = try registry.promote(run: registry.resolveRun(runPrefix), model: model, artifact: artifact, alias: alias, reason: reason)
        try options.emit(promotion, table: RegistryReports.promotion)
    }
}
