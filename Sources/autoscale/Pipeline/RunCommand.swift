import ArgumentParser
import Foundation
import Pipeline
import Tracking

/// `autoscale pipeline run FILE`: runs the pipeline (`PipelineJob.run`), reusing every stage
/// whose cache entry is up to date, and prints each stage's outcome and the reports.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a pipeline: unchanged stages are reused from the cache, independent stages run in parallel, every model is a run in the registry."
    )

    @Argument(help: "The pipeline spec, e.g. Pipelines/quickstart.yaml.")
    var file: String

    @Option(name: .customLong("set"), help: ArgumentHelp("Override a parameter of the spec's params: (repeatable).", valueName: "name=value"))
    var overrides: [String] = []

    @Option(help: ArgumentHelp("Threads to keep busy at once (LSTM training counts two; default: the number of cores).", valueName: "n"))
    var jobs: Int?

    @Flag(help: "Run every stage, even those whose cache entry is up to date.")
    var force = false

    @Option(name: .customLong("force-stage"), help: ArgumentHelp("Run this stage (a name such as train, or an instance such as train@cpu-lstm) even when up to date (repeatable).", valueName: "stage"))
    var forceStages: [String] = []

    @Flag(help: "Say which stages would run and which would be reused; run and record nothing.")
    var dryRun = false

    @Option(help: ArgumentHelp("Experiment to record the runs in (default: the pipeline's name).", valueName: "name"))
    var experiment: String?

    @Option(help: ArgumentHelp("Processes that run a sweep's trials at once, this one included.", valueName: "n"))
    var workers = 1

    @Option(help: ArgumentHelp("Seconds without a heartbeat after which a sweep worker is presumed dead and its trial requeued.", valueName: "seconds"))
    var staleAfter: Double = Registry.defaultStaleAfter

    @Option(help: .hidden) var holdTrial: Int?

    @OptionGroup var registry: PipelineRegistryOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs \(jobs): run at least 1 job at once") }
        guard workers >= 1 else { throw ValidationError("--workers \(workers): run at least 1 worker") }
        guard staleAfter > 0 else { throw ValidationError("--stale-after \(staleAfter): use a positive number of seconds, e.g. 120") }
    }

    func run() throws {
        let options = PipelineRunOptions(
            file: file, jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount, force: force ? .all : (forceStages.isEmpty ? .none : .stages(forceStages)),
            dryRun: dryRun, experiment: experiment, overrides: parseOverrides(overrides), sweep: sweepSettings())
        try PipelineRunPrinter.run(options: options, overrides: overrides, registry: registry, json: output.json)
    }

    /// `--workers`, `--stale-after`; extra workers run this executable's `pipeline worker`.
    private func sweepSettings() -> SweepSettings {
        let launcher = SweepWorkerLauncher(file: file, overrides: overrides, db: registry.location.databasePath,
                                          staleAfter: staleAfter, holdTrial: holdTrial)
        return SweepSettings(workers: workers, staleAfter: staleAfter, launch: { try launcher.launch($0) },
                             holdTrial: holdTrial, onHold: HoldAnnouncement.print)
    }

}
