import ArgumentParser
import Pipeline

/// `autoscale pipeline graph FILE [--mermaid]`: the stage graph, as text or Mermaid.
struct GraphCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "graph",
        abstract: "Print a pipeline's stage graph: each stage and the stages it needs, or a Mermaid flowchart."
    )

    @Argument(help: "The pipeline spec, e.g. Pipelines/quickstart.yaml.")
    var file: String

    @Option(name: .customLong("set"), help: ArgumentHelp("Override a parameter of the spec's params: (repeatable).", valueName: "name=value"))
    var overrides: [String] = []

    @Flag(help: "Print a Mermaid flowchart (paste into Markdown) instead of text.")
    var mermaid = false

    func run() throws {
        let plan = try PipelineSpec.load(path: file, overrides: overrides).plan
        print(mermaid ? PipelineGraph.mermaid(plan) : PipelineGraph.text(plan))
    }
}
