import ArgumentParser
import Tracking

/// Hidden: one writer process for the multi-process test. Creates a run, logs `points` metric
/// points in batches of `batch` (steps 0…points−1), finishes the run and prints its id.
struct StressWriterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "_stress-writer", shouldDisplay: false)

    @OptionGroup var options: RegistryOptions
    @Option var experiment = "stress"
    @Option var points = 10_000
    @Option var batch = 10
    @Option var key = "value"

    func run() throws {
        let registry = try options.open(create: true)
        let run = try registry.createRun(RunSpec(experiment: experiment))
        var step = 0
        while step < points {
            let end = min(points, step + max(1, batch))
            let metrics = (step..<end).map { MetricPoint(key: key, value: Double($0), step: Int64($0)) }
            try registry.logBatch(run: run, params: [:], metrics: metrics, tags: [:])
            step = end
        }
        try registry.setStatus(run: run, .finished)
        print(run)
    }
}
