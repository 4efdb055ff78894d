import ArgumentParser

@main
struct Autoscale: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "autoscale",
        abstract: "Forecast container resource usage and turn forecasts into scaling decisions.",
        subcommands: [DemoCommand.self, DataCommand.self, EvaluateCommand.self]
    )
}
