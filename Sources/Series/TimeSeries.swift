/// An ordered sequence of observations as read from a source: timestamps in seconds
/// since 1970-01-01 UTC (or relative seconds, treated the same way), possibly irregular,
/// possibly with repeated timestamps. `RegularGrid` turns it into a `RegularSeries`.
public struct TimeSeries: Sendable, Equatable {
    public var name: String
    public var timestamps: [Double]
    public var values: [Double]

    public init(name: String, timestamps: [Double], values: [Double]) {
        precondition(timestamps.count == values.count, "timestamps and values differ in length")
        self.name = name
        self.timestamps = timestamps
        self.values = values
    }

    public var count: Int { values.count }
    public var isEmpty: Bool { values.isEmpty }
}

/// Values on a regular grid g_k = start + k·interval, k = 0 … count−1.
///
/// Every model in `Forecasting` reads and predicts `RegularSeries`; calendar features
/// use `timestamp(at:)`, which extends past the end for forecasts.
public struct RegularSeries: Sendable, Equatable {
    public var name: String
    /// Seconds since 1970-01-01 UTC of index 0.
    public var start: Double
    /// Grid step D in seconds (> 0).
    public var interval: Double
    public var values: [Double]

    public init(name: String, start: Double, interval: Double, values: [Double]) {
        precondition(interval > 0, "interval must be positive, got \(interval)")
        self.name = name
        self.start = start
        self.interval = interval
        self.values = values
    }

    public var count: Int { values.count }

    /// g_k = start + k·D; valid for any k, including k ≥ count (future grid points).
    public func timestamp(at index: Int) -> Double {
        start + Double(index) * interval
    }

    /// The first `count` points, same grid.
    public func prefix(_ count: Int) -> RegularSeries {
        RegularSeries(name: name, start: start, interval: interval, values: Array(values.prefix(count)))
    }

    /// The same grid with other values (for example scaled ones).
    public func with(values newValues: [Double]) -> RegularSeries {
        RegularSeries(name: name, start: start, interval: interval, values: newValues)
    }
}
