import ArgumentParser

/// `autoscale data …`: make or gather workload data as long CSV.
struct DataCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "data",
        abstract: "Generate synthetic workloads, collect this machine's counters, fetch a container from Prometheus (long CSV), or check how a CSV file reads.",
        subcommands: [GenerateCommand.self, CollectCommand.self, FetchCommand.self, ShowCommand.self]
    )
}
