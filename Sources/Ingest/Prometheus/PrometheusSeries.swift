import Series

/// One series of a Prometheus result: its label set and its points, in time order.
/// `timestamps` are seconds since 1970-01-01 UTC (Prometheus sends milliseconds as
/// fractions); `values` may hold NaN and ±Inf, which Prometheus sends as "NaN", "+Inf", "-Inf".
public struct PrometheusSeries: Sendable, Equatable {
    public var labels: [String: String]
    public var timestamps: [Double]
    public var values: [Double]

    public init(labels: [String: String], timestamps: [Double], values: [Double]) {
        precondition(timestamps.count == values.count, "timestamps and values differ in length")
        self.labels = labels
        self.timestamps = timestamps
        self.values = values
    }

    /// `{a="x", b="y"}` with labels sorted by name.
    public var labelText: String {
        "{" + labels.keys.sorted().map { "\($0)=\"\(labels[$0]!)\"" }.joined(separator: ", ") + "}"
    }

    /// The finite points only, named `name` (NaN and ±Inf cannot be written to the CSV
    /// formats and no model reads them).
    public func finiteSeries(name: String) -> TimeSeries {
        var times: [Double] = [], kept: [Double] = []
        times.reserveCapacity(values.count)
        kept.reserveCapacity(values.count)
        for (time, value) in zip(timestamps, values) where value.isFinite {
            times.append(time)
            kept.append(value)
        }
        return TimeSeries(name: name, timestamps: times, values: kept)
    }
}
