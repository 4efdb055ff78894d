import ArgumentParser
import Foundation
import Ingest
import Kernels

/// `autoscale data generate`: a seeded synthetic workload as long CSV.
struct GenerateCommand: ParsableCommand {
    static let defaultOutput = "data/generated.csv"

    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write a seeded synthetic container workload as long CSV (timestamp,container,metric,value).",
        discussion: """
            Containers (web, api, worker, cache, db, …) show daily and weekly cycles, noise, bursts, level \
            shifts after deployments, and memory that grows and drops (garbage collection, restarts). cpu (cores in \
            use) and memory (bytes) are gauges; disk_reads, disk_writes, network_rx and network_tx are cumulative \
            byte counters that restart from 0 when a container restarts. The same seed and options give the same \
            bytes. The file is written to a temporary file and renamed, so a failure leaves nothing behind. The \
            default output is \(GenerateCommand.defaultOutput) (its folder is created; data/ is git-ignored); \
            --output - writes to standard output.
            """
    )

    @Option(help: "Seed of the random generator.")
    var seed: UInt64 = WorkloadConfig.defaultSeed

    @Option(help: "Number of containers.")
    var containers = 3

    @Option(help: "Days of data.")
    var days: Double = 14

    @Option(help: "Sampling interval: 15s, 1m, 300 (seconds), …")
    var interval = "15s"

    @Option(help: "First timestamp, UTC (ISO 8601 or YYYY-MM-DD HH:MM:SS).")
    var start = "2026-01-05T00:00:00Z"

    @Option(help: "Output CSV file, or - for standard output.")
    var output = GenerateCommand.defaultOutput

    @OptionGroup var format: OutputOptions

    func validate() throws {
        _ = try IntervalArgument.seconds(interval, option: "--interval")
        if case let .failure(.malformed(reason)) = TimestampParser.parse(start) {
            throw ValidationError("--start: \"\(start)\" is not a timestamp (\(reason)); expected e.g. 2026-01-05T00:00:00Z")
        }
    }

    func run() throws {
        let config = WorkloadConfig(
            containers: containers, days: days,
            interval: try IntervalArgument.seconds(interval, option: "--interval"),
            start: try TimestampParser.parse(start).get())
        let generator = try WorkloadGenerator(config: config)
        if output == GenerateCommand.defaultOutput {
            try FileManager.default.createDirectory(atPath: "data", withIntermediateDirectories: true)
        }
        var random = SplitMix64(seed: seed)
        try generator.writeCSV(to: CSVDestination(argument: output), random: &random)
        try DataCommandSummary(
            output: output, rows: config.stepCount * config.containers * ResourceMetric.allCases.count,
            containers: generator.containerNames, samples: config.stepCount, intervalSeconds: config.interval, seed: seed
        ).print(verb: "wrote", json: format.json)
    }
}
