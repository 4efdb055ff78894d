import Series

/// The latest observed usage of a metric in the units of its forecast: for a gauge the
/// last value x_n; for a counter forecast as a rate (`MetricForecast.isRate`) the last
/// rate (x_n − x_{n−1}) / (t_n − t_{n−1}), or nil across a counter reset (x_n < x_{n−1}).
public enum CurrentUsage {
    public static func of(_ history: TimeSeries, isRate: Bool) -> Double? {
        let n = history.count
        guard n >= 1 else { return nil }
        guard isRate else { return history.values[n - 1] }
        guard n >= 2 else { return nil }
        let dt = history.timestamps[n - 1] - history.timestamps[n - 2]
        let dx = history.values[n - 1] - history.values[n - 2]
        guard dt > 0, dx >= 0 else { return nil }
        return dx / dt
    }
}
