/// The feature columns of the gbt model in grid steps (the settings resolved on a grid of
/// D seconds), stored in the artifact. Columns, in this order, for origin t and step h:
///
/// | columns | value |
/// | --- | --- |
/// | `lag_k`, k ∈ lags | s_{t−k+1} |
/// | `diff_k`, k ∈ differences | s_t − s_{t−k} |
/// | `mean_w`, `std_w`, w ∈ rollingWindows | mean and population standard deviation of s_{t−w+1} … s_t |
/// | `season_m`, `season_change_m`, m ∈ seasonSteps | s_{t+h−j·m} and s_{t+h−j·m} − s_{t−j·m}, j = ⌈h/m⌉ |
/// | `hour`, `weekday` (calendar) | hour of day in [0, 24) and day of week (0 = Monday) of t+h's timestamp |
///
/// With `relativeInputs`, `lag_k` (k ≥ 2), `mean_w` and `season_m` have s_t subtracted
/// (lag 1 stays the level s_t). A value that would need an index below 0 is NaN
/// (XGBoost's missing value).
public struct GBTFeatureSpec: Codable, Hashable, Sendable {
    public var lags: [Int]
    public var differences: [Int]
    public var rollingWindows: [Int]
    public var seasonSteps: [Int]
    public var calendar: Bool
    public var relativeInputs: Bool

    public init(lags: [Int], differences: [Int], rollingWindows: [Int], seasonSteps: [Int], calendar: Bool, relativeInputs: Bool) {
        self.lags = lags
        self.differences = differences
        self.rollingWindows = rollingWindows
        self.seasonSteps = seasonSteps
        self.calendar = calendar
        self.relativeInputs = relativeInputs
    }

    /// `settings` on a grid of `interval` seconds (seasons become whole steps).
    public init(_ settings: GBTSettings, interval: Double) throws {
        self.init(
            lags: settings.lags, differences: settings.differences, rollingWindows: settings.rollingWindows,
            seasonSteps: try settings.seasonSeconds.map { try ModelSpec.steps($0, interval: interval, model: "gbt") },
            calendar: settings.calendar, relativeInputs: settings.relativeInputs)
    }

    enum CodingKeys: String, CodingKey {
        case lags, differences, rollingWindows = "rolling_windows", seasonSteps = "season_steps", calendar
        case relativeInputs = "relative_inputs"
    }

    /// Column names, in matrix order.
    public var columnNames: [String] {
        lags.map { "lag_\($0)" } + differences.map { "diff_\($0)" }
            + rollingWindows.flatMap { ["mean_\($0)", "std_\($0)"] }
            + seasonSteps.flatMap { ["season_\($0)", "season_change_\($0)"] }
            + (calendar ? ["hour", "weekday"] : [])
    }

    public var columnCount: Int {
        lags.count + differences.count + 2 * rollingWindows.count + 2 * seasonSteps.count + (calendar ? 2 : 0)
    }

    /// The first origin used for training: every lag and difference exists from here on
    /// (rolling windows and seasons may still be missing).
    public var firstTrainingOrigin: Int {
        max((lags.max() ?? 1) - 1, differences.max() ?? 0)
    }
}
