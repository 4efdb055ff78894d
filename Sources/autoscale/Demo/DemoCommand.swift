import ArgumentParser
import Foundation
import Pipeline

/// `autoscale demo`: the quickstart pipeline from the copy embedded in the executable
/// (`BuiltinQuickstart`), so it needs no files; its flags are `--set` values of the spec.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run the built-in quickstart pipeline: a generated workload, four models on cpu and memory, the best of each promoted to production.",
        discussion: "The same stages as `autoscale pipeline run Pipelines/quickstart.yaml`, from a copy of that file and of Configs/*.yaml embedded in the executable and written to builtin/ beside the registry, so no files are needed. --seed N and --days N are --set seed=N and --set days=N; a second run reuses every unchanged stage."
    )

    @Option(help: ArgumentHelp("Seed of the generated workload and of the models (--set seed=N; default: the spec's).", valueName: "n"))
    var seed: UInt64?

    @Option(help: ArgumentHelp("Days of generated data at one sample a minute (--set days=N; default: the spec's).", valueName: "days"))
    var days: Double?

    @Option(name: .customLong("set"), help: ArgumentHelp("Override another parameter of the quickstart's params:, e.g. lstm_epochs=10 or metrics=[cpu] (repeatable).", valueName: "name=value"))
    var overrides: [String] = []

    @Option(help: ArgumentHelp("Threads to keep busy at once (LSTM training counts two; default: the number of cores).", valueName: "n"))
    var jobs: Int?

    @OptionGroup var registry: PipelineRegistryOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs \(jobs): run at least 1 job at once") }
        if let days, !(days > 0) { throw ValidationError("--days \(days): generate a positive number of days, e.g. 7") }
    }

    func run() throws {
        let folder = URL(fileURLWithPath: registry.location.databasePath).deletingLastPathComponent().appendingPathComponent("builtin")
        let file = try BuiltinQuickstart.materialize(into: folder)
        let sets = (seed.map { ["seed=\($0)"] } ?? []) + (days.map { ["days=\(Self.number($0))"] } ?? []) + overrides
        let options = PipelineRunOptions(file: file, jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount, overrides: parseOverrides(sets))
        try PipelineRunPrinter.run(options: options, overrides: sets, registry: registry, json: output.json)
    }

    /// `7` for 7.0, `0.5` for 0.5: the text a spec author would write.
    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}
