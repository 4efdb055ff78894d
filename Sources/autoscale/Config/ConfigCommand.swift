import ArgumentParser

/// `autoscale config …`: write a per-metric config with every key, or show what one resolves to.
struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Print a per-metric config with every key and its default, or the effective config of a file.",
        subcommands: [ConfigInitCommand.self, ConfigShowCommand.self]
    )
}
