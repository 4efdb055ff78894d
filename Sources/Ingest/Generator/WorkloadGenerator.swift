import Kernels
import Series

/// Seeded synthetic container workloads (see `ContainerSimulator` for the model):
/// `config.containers` containers sampled every `config.interval` seconds for `config.days`.
///
/// Container i is named `<role>-<i+1>` with roles cycling web, api, worker, cache, db, and
/// draws from the i-th `split()` of the generator passed in, so the same seed gives the
/// same values, and adding containers leaves the earlier ones unchanged.
public struct WorkloadGenerator: Sendable {
    public let config: WorkloadConfig

    public init(config: WorkloadConfig) throws(IngestError) {
        try config.validate()
        self.config = config
    }

    public var containerNames: [String] {
        (0..<config.containers).map { index in
            "\(WorkloadRole.allCases[index % WorkloadRole.allCases.count].rawValue)-\(index + 1)"
        }
    }

    /// Calls `body(step, timestamp, container index, sample)` in time order, containers in order within a step.
    public func forEachSample<E: Error>(
        random: inout SplitMix64, _ body: (Int, Double, Int, ResourceSample) throws(E) -> Void
    ) throws(E) {
        var simulators: [ContainerSimulator] = (0..<config.containers).map { index in
            let role = WorkloadRole.allCases[index % WorkloadRole.allCases.count]
            var stream = random.split()
            let profile = ContainerProfile.draw(role: role, random: &stream)
            return ContainerSimulator(profile: profile, random: stream.split())
        }
        for step in 0..<config.stepCount {
            let timestamp = config.start + Double(step) * config.interval
            for index in simulators.indices {
                let sample = simulators[index].step(at: timestamp, dt: config.interval)
                try body(step, timestamp, index, sample)
            }
        }
    }

    /// Every (container, metric) series in memory; for small configurations (tests, pipelines).
    public func series(random: inout SplitMix64) -> [SeriesKey: TimeSeries] {
        let names = containerNames
        let count = config.stepCount
        var timestamps: [Double] = []
        timestamps.reserveCapacity(count)
        var values = [[[Double]]](repeating: ResourceMetric.allCases.map { _ in [] }, count: config.containers)
        forEachSample(random: &random) { (_, timestamp, container, sample) in
            if container == 0 { timestamps.append(timestamp) }
            for (m, metric) in ResourceMetric.allCases.enumerated() {
                values[container][m].append(sample[metric])
            }
        }
        var result: [SeriesKey: TimeSeries] = [:]
        for (container, name) in names.enumerated() {
            for (m, metric) in ResourceMetric.allCases.enumerated() {
                let key = SeriesKey(container: name, metric: metric.rawValue)
                result[key] = TimeSeries(name: "\(name)/\(metric.rawValue)", timestamps: timestamps, values: values[container][m])
            }
        }
        return result
    }

    /// Writes the long CSV `timestamp,container,metric,value` (ISO 8601 UTC timestamps, cpu with
    /// 4 decimals, bytes as integers) to `destination`; a file appears only when complete.
    public func writeCSV(to destination: CSVDestination, random: inout SplitMix64) throws(IngestError) {
        let output = try CSVOutput(destination: destination)
        let writer = LongCSVWriter(output: output)
        let names = containerNames.map { Array($0.utf8) }
        do {
            writer.writeHeader()
            var timestampBytes: [UInt8] = []
            try forEachSample(random: &random) { (step, timestamp, container, sample) throws(IngestError) in
                if container == 0 { timestampBytes = Array(CivilTime.iso8601(epochSeconds: timestamp).utf8) }
                writer.writeSample(timestamp: timestampBytes, container: names[container], sample: sample)
                try output.flushIfFull()
            }
            try output.commit()
        } catch {
            output.abort()
            throw error
        }
    }
}
