/// Settings of the naive forecast ŝ_{t+h} = s_t: there are none, but the catalog gives
/// every model a settings value (written as `{}` in specs and artifacts).
public struct NaiveSettings: Codable, Hashable, Sendable {
    public init() {}
}

/// Settings of the seasonal naive forecast: the season in seconds (one day by default),
/// turned into m = period / D grid steps when the model sees a series.
public struct SeasonalNaiveSettings: Codable, Hashable, Sendable {
    public var periodSeconds: Double

    public init(periodSeconds: Double = 86_400) {
        self.periodSeconds = periodSeconds
    }

    /// The forecaster these settings describe.
    public var model: SeasonalNaive { SeasonalNaive(periodSeconds: periodSeconds) }
}
