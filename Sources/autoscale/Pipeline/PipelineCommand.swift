import ArgumentParser

/// `autoscale pipeline …`: pipelines described in `Pipelines/*.yaml` (docs/formats/pipeline-yaml.md).
struct PipelineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pipeline",
        abstract: "Check a pipeline spec (Pipelines/*.yaml) and show the stages it expands to. (Running pipelines is not built yet.)",
        subcommands: [ValidateCommand.self]
    )
}
