import ArgumentParser
import Foundation
import Ingest

/// `autoscale data collect`: this machine's counters sampled into long CSV.
struct CollectCommand: ParsableCommand {
    static let defaultOutput = "data/collected.csv"

    static let configuration = CommandConfiguration(
        commandName: "collect",
        abstract: "Sample this machine's CPU, memory, disk and network counters into long CSV.",
        discussion: """
            Reads cgroup v2 files (/sys/fs/cgroup/cpu.stat, memory.current, io.stat) where present and /proc \
            otherwise (/proc/stat, /proc/meminfo, /proc/diskstats, /proc/net/dev without lo). cpu is reported in \
            cores used over each interval, memory in bytes, disk and network as cumulative byte counters. \
            Samples: ⌊seconds / interval⌋ (at least 1), after one baseline reading. The default output is \
            \(CollectCommand.defaultOutput); --output - writes to standard output as samples arrive.
            """
    )

    @Option(help: "How long to collect, in seconds.")
    var seconds: Double

    @Option(help: "Sampling interval: 15s, 1m, 0.5s, …")
    var interval = "15s"

    @Option(help: "Output CSV file, or - for standard output.")
    var output = CollectCommand.defaultOutput

    @Option(help: "Container name written in each row (default: the host name).")
    var container: String?

    @Option(help: ArgumentHelp("File-system root to read /sys and /proc below.", visibility: .hidden))
    var root = "/"

    @OptionGroup var format: OutputOptions

    func validate() throws {
        _ = try IntervalArgument.seconds(interval, option: "--interval")
        guard seconds.isFinite, seconds > 0 else {
            throw ValidationError("--seconds \(seconds) must be a positive number of seconds")
        }
    }

    func run() throws {
        let step = try IntervalArgument.seconds(interval, option: "--interval")
        let reader = CounterReader(root: root)
        let name = try container ?? reader.hostName()
        let collector = try ResourceCollector(reader: reader, clock: SystemClock(), interval: step, container: name)
        let samples = max(1, Int((seconds / step).rounded(.down)))
        if output == CollectCommand.defaultOutput {
            try FileManager.default.createDirectory(atPath: "data", withIntermediateDirectories: true)
        }
        let rows = try collector.collectCSV(samples: samples, to: CSVDestination(argument: output))
        try DataCommandSummary(output: output, rows: rows, containers: [name], samples: samples, intervalSeconds: step, seed: nil)
            .print(verb: "collected", json: format.json)
    }
}
