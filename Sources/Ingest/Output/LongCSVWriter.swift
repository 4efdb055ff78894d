/// Rows of the project's long CSV format, `timestamp,container,metric,value`, one row per
/// metric of a `ResourceSample`, in `ResourceMetric.allCases` order.
struct LongCSVWriter {
    static let header = "timestamp,container,metric,value\n"
    private static let metricNames = ResourceMetric.allCases.map { Array($0.rawValue.utf8) }

    let output: CSVOutput

    func writeHeader() {
        output.append(LongCSVWriter.header)
    }

    /// `timestamp` and `container` are pre-encoded (they repeat across rows); container names
    /// are written as they are, so they must not contain commas, quotes or line ends.
    func writeSample(timestamp: [UInt8], container: [UInt8], sample: ResourceSample) {
        for metric in ResourceMetric.allCases {
            writeValue(timestamp: timestamp, container: container, metric: metric, value: sample[metric])
        }
    }

    /// One row: a single metric's value (for sources whose metrics do not share timestamps).
    func writeValue(timestamp: [UInt8], container: [UInt8], metric: ResourceMetric, value: Double) {
        output.append(timestamp)
        output.appendByte(UInt8(ascii: ","))
        output.append(container)
        output.appendByte(UInt8(ascii: ","))
        output.append(LongCSVWriter.metricNames[metric.index])
        output.appendByte(UInt8(ascii: ","))
        output.appendValue(value, decimals: metric.decimals)
        output.appendByte(UInt8(ascii: "\n"))
    }
}

private extension ResourceMetric {
    /// Position in `allCases` (a switch: this runs once per written row).
    var index: Int {
        switch self {
        case .cpu: 0
        case .memory: 1
        case .diskReads: 2
        case .diskWrites: 3
        case .networkRx: 4
        case .networkTx: 5
        }
    }
}
