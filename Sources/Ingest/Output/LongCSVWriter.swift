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
        for (index, metric) in ResourceMetric.allCases.enumerated() {
            output.append(timestamp)
            output.appendByte(UInt8(ascii: ","))
            output.append(container)
            output.appendByte(UInt8(ascii: ","))
            output.append(LongCSVWriter.metricNames[index])
            output.appendByte(UInt8(ascii: ","))
            output.appendValue(sample[metric], decimals: metric.decimals)
            output.appendByte(UInt8(ascii: "\n"))
        }
    }
}
