import ArgumentParser

@main
struct Runs: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "runs",
        abstract: "Compare, inspect and promote experiment runs recorded in the registry.",
        discussion: """
        The registry is experiments/registry.sqlite under the current directory, or the file named by \
        AUTOSCALE_REGISTRY, or --db. Filters use MLflow's search syntax plus `or` and parentheses, e.g. \
        "metrics.mae_15m < 0.05 and (params.model = 'lstm' or params.model = 'arima')". Start with \
        `runs experiments`, then `runs list --experiment NAME`; a filter or ordering on a key no run has is \
        an error that names the closest existing keys.
        """,
        subcommands: [
            ExperimentsCommand.self, ListCommand.self, ShowCommand.self, DiffCommand.self, CompareCommand.self, HistoryCommand.self,
            PromoteCommand.self, RollbackCommand.self, ModelsCommand.self, GCCommand.self, ServerCommand.self,
            StressWriterCommand.self, HeartbeatWriterCommand.self, TrialWorkerCommand.self,
        ]
    )
}
