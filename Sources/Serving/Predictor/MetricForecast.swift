/// The forecast of one metric of one container at every horizon asked for.
///
/// Values are in the metric's own units after preprocessing's inverse: gauges as read
/// (cpu in cores, memory in bytes), counters as per-second rates (`isRate`, e.g. bytes/s).
public struct MetricForecast: Sendable, Codable, Equatable {
    public var metric: String
    public var container: String
    public var model: ModelReference
    public var version: Int64
    public var kind: String
    /// "cores", "bytes", "bytes/s", or "" when the metric is not one of the six.
    public var unit: String
    /// True when the raw series is a counter and the forecast is its rate per second.
    public var isRate: Bool
    public var intervalSeconds: Double
    /// Epoch seconds of the last history point the forecast starts after.
    public var lastTimestamp: Double
    public var historyPoints: Int
    public var horizons: [HorizonForecast]

    enum CodingKeys: String, CodingKey {
        case metric, container, model, version, kind, unit, isRate = "is_rate", intervalSeconds = "interval_seconds"
        case lastTimestamp = "last_timestamp", historyPoints = "history_points", horizons
    }
}

/// One horizon: minutes ahead, grid steps ahead, the point forecast and intervals.
public struct HorizonForecast: Sendable, Codable, Equatable {
    public var minutes: Double
    public var steps: Int
    public var timestamp: Double
    public var value: Double
    /// Central intervals at each coverage level the model gives (empty for naive, snaive, lstm).
    public var intervals: [ForecastInterval]

    public init(minutes: Double, steps: Int, timestamp: Double, value: Double, intervals: [ForecastInterval]) {
        self.minutes = minutes
        self.steps = steps
        self.timestamp = timestamp
        self.value = value
        self.intervals = intervals
    }

    /// The upper bound at `level`, if the model gave that interval.
    public func upper(level: Double) -> Double? {
        intervals.first { abs($0.level - level) < 1e-9 }?.upper
    }
}

/// A central interval [lower, upper] of coverage `level` (0.8 = 80 %).
public struct ForecastInterval: Sendable, Codable, Equatable {
    public var level: Double
    public var lower: Double
    public var upper: Double

    public init(level: Double, lower: Double, upper: Double) {
        self.level = level
        self.lower = lower
        self.upper = upper
    }
}

/// `predictAll`: forecasts of the metrics that have a model, and why the others have none.
public struct ContainerForecast: Sendable, Codable, Equatable {
    public var container: String
    public var forecasts: [MetricForecast]
    /// Metric → why it was skipped (no model under the alias).
    public var skipped: [String: String]
}
