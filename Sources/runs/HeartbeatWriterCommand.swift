import ArgumentParser
import Foundation
import Tracking

/// Hidden: a writer that never finishes, for the kill -9 test. Creates a run, prints its id,
/// then forever logs batches of `batch` points (one step each) and heartbeats.
struct HeartbeatWriterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "_heartbeat-writer", shouldDisplay: false)

    @OptionGroup var options: RegistryOptions
    @Option var experiment = "crash"
    @Option var batch = 100
    @Option var interval = 0.01

    func run() throws {
        let registry = try options.open(create: true)
        let run = try registry.createRun(RunSpec(experiment: experiment))
        print(run)
        fflush(nil)
        var step: Int64 = 0
        while true {
            let metrics = (0..<max(1, batch)).map { MetricPoint(key: "loss", value: Double(step) + Double($0), step: step) }
            try registry.logBatch(run: run, params: [:], metrics: metrics, tags: ["step": String(step)])
            step += 1
            Thread.sleep(forTimeInterval: interval)
        }
    }
}
