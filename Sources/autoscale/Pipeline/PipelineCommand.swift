import ArgumentParser

/// `autoscale pipeline …`: pipelines described in `Pipelines/*.yaml` (docs/formats/pipeline-yaml.md).
struct PipelineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pipeline",
        abstract: "Run, inspect and check pipelines (Pipelines/*.yaml): cached, parallel stage graphs recorded in the registry.",
        subcommands: [RunCommand.self, StatusCommand.self, GraphCommand.self, ValidateCommand.self, WorkerCommand.self]
    )
}
