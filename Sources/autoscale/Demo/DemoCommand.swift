import ArgumentParser
import Forecasting
import Foundation
import Ingest
import Pipeline
import Tracking

/// `autoscale demo`: every metric of a generated workload scored in one process, with no spec
/// file (the README's main command runs the quickstart pipeline instead).
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Generate a seeded container workload and score every forecaster on every metric.",
        discussion: "Writes the workload to --output as long CSV, reads it back, turns byte counters into rates, and evaluates the models by the evaluation protocol (5/15/30-minute horizons)."
    )

    @Option(help: "Seed of the workload generator.")
    var seed: UInt64 = WorkloadConfig.defaultSeed

    @Option(help: "Number of containers.")
    var containers: Int = 3

    @Option(help: "Days of data at a 15-second interval.")
    var days: Double = 14

    @Option(help: "Where to write the generated CSV.")
    var output: String = "data/generated.csv"

    @Option(help: "Models to score, comma-separated: \(ModelSpec.names.joined(separator: ", ")).")
    var models: String = "naive,snaive,arima"

    @Option(help: "Registry to record the runs in (default: experiments/registry.sqlite, or $AUTOSCALE_REGISTRY).")
    var db: String?

    @Flag(help: "Do not record runs in the registry.")
    var noTracking = false

    @OptionGroup var format: OutputOptions

    func run() throws {
        let folder = (output as NSString).deletingLastPathComponent
        if !folder.isEmpty { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        let job = DemoJob(
            workload: WorkloadConfig(containers: containers, days: days),
            seed: seed,
            models: try models.split(separator: ",").map { try ModelSpec(kind: ModelKind(name: String($0))) },
            dataPath: output
        )
        let location = RegistryLocation.resolve(
            explicit: db, environment: ProcessInfo.processInfo.environment,
            currentDirectory: FileManager.default.currentDirectoryPath)
        let tracker = noTracking ? nil : try Registry.open(location)
        let bar = ProgressBar()
        let report = try job.run(evaluator: Evaluator(), tracker: tracker, hooks: { TrainingProgress.hooks(for: $0, bar: bar) }) {
            done, total, label in
            bar.update(done: done, total: total, label: label)
        }
        bar.finish()
        print(format.json ? try jsonString(report) : DemoTable(report: report).render())
        if tracker != nil, !format.json {
            print("recorded \(report.rows.count) runs in \(location.databasePath); list them with: runs list --experiment demo")
        }
    }
}
