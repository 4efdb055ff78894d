import ArgumentParser

/// `autoscale data …`: make or gather workload data as long CSV.
struct DataCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "data",
        abstract: "Generate synthetic workloads or collect this machine's counters as long CSV.",
        subcommands: [GenerateCommand.self, CollectCommand.self]
    )
}
