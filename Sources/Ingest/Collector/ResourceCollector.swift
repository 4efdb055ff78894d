import Kernels

/// Samples a `CounterReader` every `interval` seconds.
///
/// A baseline snapshot is read first; sample k (k = 1 … n) is read at t₀ + k·interval
/// (sleeping on the injected clock until then) and reported as
/// cpu = (busy_k − busy_{k−1}) / (t_k − t_{k−1}) cores, memory as read, and the disk and
/// network counters cumulative, as read.
public struct ResourceCollector: Sendable {
    public let reader: CounterReader
    public let clock: any CollectorClock
    public let interval: Double
    public let container: String

    public init(reader: CounterReader, clock: any CollectorClock, interval: Double, container: String) throws(IngestError) {
        guard interval.isFinite, interval > 0 else {
            throw .invalidSetting(name: "interval", value: String(interval), expected: "a positive number of seconds")
        }
        guard !container.isEmpty, !container.contains(where: { ",\"\n\r".contains($0) }) else {
            throw .invalidSetting(name: "container", value: container, expected: "a name without commas, quotes or line breaks")
        }
        self.reader = reader
        self.clock = clock
        self.interval = interval
        self.container = container
    }

    /// Reads `samples` samples, calling `body(timestamp, sample)` after each.
    public func collect(samples: Int, _ body: (Double, ResourceSample) throws(IngestError) -> Void) throws(IngestError) {
        guard samples >= 1 else {
            throw .invalidSetting(name: "samples", value: String(samples), expected: "at least 1")
        }
        let start = clock.now()
        var previous = try reader.read()
        var previousTime = start
        for k in 1...samples {
            clock.sleep(seconds: start + Double(k) * interval - clock.now())
            let snapshot = try reader.read()
            let time = clock.now()
            let elapsed = time - previousTime
            let cores = elapsed > 0 ? max(0, snapshot.cpuSeconds - previous.cpuSeconds) / elapsed : 0
            try body(time, ResourceSample(
                cpu: cores, memory: snapshot.memoryBytes,
                diskReads: snapshot.diskReadBytes, diskWrites: snapshot.diskWriteBytes,
                networkRx: snapshot.networkReceiveBytes, networkTx: snapshot.networkTransmitBytes))
            previous = snapshot
            previousTime = time
        }
    }

    /// Collects into the long CSV `timestamp,container,metric,value` (timestamps ISO 8601 UTC
    /// to the millisecond); a file appears only when all samples are in. Returns the rows written.
    @discardableResult
    public func collectCSV(samples: Int, to destination: CSVDestination) throws(IngestError) -> Int {
        let output = try CSVOutput(destination: destination)
        let writer = LongCSVWriter(output: output)
        let name = Array(container.utf8)
        var rows = 0
        do {
            writer.writeHeader()
            try collect(samples: samples) { (time, sample) throws(IngestError) in
                writer.writeSample(timestamp: Array(CivilTime.iso8601(epochSeconds: time).utf8), container: name, sample: sample)
                rows += ResourceMetric.allCases.count
                if destination == .standardOutput { try output.flush() } else { try output.flushIfFull() }
            }
            try output.commit()
        } catch {
            output.abort()
            throw error
        }
        return rows
    }
}
