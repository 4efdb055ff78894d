import ArgumentParser
import Pipeline

/// `autoscale pipeline validate FILE [--set NAME=VALUE]… [--json]`: decodes and checks the
/// spec (`PipelineSpec.load`) without running anything, then prints the plan: every stage
/// instance in run order with its kind and inputs. Every problem is reported at once with
/// file:line:column and key path, and the command exits non-zero.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a pipeline spec and print the stages it expands to, in run order; nothing runs."
    )

    @Argument(help: "The pipeline spec, e.g. Pipelines/quickstart.yaml.")
    var file: String

    @Option(name: .customLong("set"), help: ArgumentHelp("Override a parameter of the spec's params: (repeatable).",
                                                         valueName: "name=value"))
    var overrides: [String] = []

    @OptionGroup var output: OutputOptions

    func run() throws {
        let spec = try PipelineSpec.load(path: file, overrides: overrides)
        let plan = spec.plan
        if output.json {
            print(try jsonString(PlanSummary(plan)))
            return
        }
        print("\(file): valid — pipeline \(plan.name), \(plan.stages.count) stages")
        let params = plan.params.map { "\($0.name)=\($0.value)\($0.overridden ? " (--set)" : "")" }
        if !params.isEmpty { print("params: " + params.joined(separator: ", ")) }
        print(TextTable(header: ["stage", "kind", "needs"],
                        rows: plan.stages.map { [$0.id, $0.kind.rawValue, $0.inputs.joined(separator: ", ")] }).lines().joined(separator: "\n"))
    }
}

/// The plan as `--json` prints it.
private struct PlanSummary: Encodable {
    struct Stage: Encodable {
        let id: String, kind: String, needs: [String]
    }
    let name: String
    let params: [String: String]
    let stages: [Stage]

    init(_ plan: PipelinePlan) {
        name = plan.name
        params = Dictionary(uniqueKeysWithValues: plan.params.map { ($0.name, $0.value.description) })
        stages = plan.stages.map { Stage(id: $0.id, kind: $0.kind.rawValue, needs: $0.inputs) }
    }
}
