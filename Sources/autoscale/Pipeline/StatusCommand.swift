import ArgumentParser
import Pipeline

/// `autoscale pipeline status FILE`: which stages are up to date and which are stale, and why.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Say which stages of a pipeline are up to date in the cache, which are stale, and why; runs nothing."
    )

    @Argument(help: "The pipeline spec, e.g. Pipelines/quickstart.yaml.")
    var file: String

    @Option(name: .customLong("set"), help: ArgumentHelp("Override a parameter of the spec's params: (repeatable).", valueName: "name=value"))
    var overrides: [String] = []

    @OptionGroup var registry: PipelineRegistryOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let status = try PipelineJob.status(file: file, overrides: overrides, registry: registry.location)
        if output.json {
            print(try jsonString(status))
            return
        }
        let rows = status.stages.map { [$0.id, $0.kind, $0.state, $0.reasons.joined(separator: "; ")] }
        print(TextTable(header: ["stage", "kind", "state", "why"], rows: rows).lines().joined(separator: "\n"))
        let stale = status.stale.count
        print(stale == 0 ? "pipeline \(status.pipeline): every stage is up to date"
                         : "pipeline \(status.pipeline): \(stale) of \(status.stages.count) stages would run; run them with: autoscale pipeline run \(file)")
    }
}
