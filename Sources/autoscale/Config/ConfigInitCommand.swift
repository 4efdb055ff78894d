import ArgumentParser
import Pipeline
import Series

/// `autoscale config init METRIC`: the config file for a metric, every key at its default
/// with a one-line comment (the shipped Configs/*.yaml are this output).
struct ConfigInitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Print a per-metric config listing every key with its default and a comment.",
        discussion: "Regenerate a shipped config with: autoscale config init cpu --container web-1 > Configs/cpu.yaml"
    )

    @Argument(help: ArgumentHelp("Metric: \(MetricKind.allowedNames.joined(separator: "|")).", valueName: "metric"))
    var metric: String

    @Option(name: .long, help: "Container to name in container_name (default: none, written as null).")
    var container: String?

    func run() throws {
        print(try ShippedConfigs.file(metric: MetricKind(parsing: metric), container: container), terminator: "")
    }
}
