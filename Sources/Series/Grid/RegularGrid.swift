/// Puts an irregular `TimeSeries` on a regular grid (EVALUATION.md §1).
///
/// - interval D = median of the consecutive timestamp differences (mean of the two
///   middle values for an even count, as numpy's `median`);
/// - grid g_k = t_first + k·D for k = 0 … round((t_last − t_first)/D);
/// - observation at t goes to index round((t − t_first)/D) (ties to even, as numpy's
///   `round`); when several land on one index the last in file order wins (`collapsed`
///   counts the overwritten ones); empty grid points take the previous grid value
///   (`filled` counts them).
public struct RegularGrid: Sendable, Equatable {
    public var series: RegularSeries
    /// Observations overwritten by a later one on the same grid index.
    public var collapsed: Int
    /// Grid points that had no observation and were forward-filled.
    public var filled: Int

    public init(series: RegularSeries, collapsed: Int, filled: Int) {
        self.series = series
        self.collapsed = collapsed
        self.filled = filled
    }

    /// Builds the grid with D inferred as the median difference.
    public init(_ source: TimeSeries) throws(GridError) {
        guard source.count >= 2 else { throw GridError.tooFewPoints(series: source.name, count: source.count) }
        let differences = zip(source.timestamps.dropFirst(), source.timestamps).map { $0 - $1 }
        let interval = Self.median(differences)
        try self.init(source, interval: interval)
    }

    /// Builds the grid with a given interval D (seconds).
    public init(_ source: TimeSeries, interval: Double) throws(GridError) {
        guard source.count >= 1 else { throw GridError.tooFewPoints(series: source.name, count: source.count) }
        guard interval > 0, interval.isFinite else {
            throw GridError.nonPositiveInterval(series: source.name, interval: interval)
        }
        let first = source.timestamps[0]
        let last = source.timestamps[source.count - 1]
        let n = Int(((last - first) / interval).rounded(.toNearestOrEven)) + 1
        var values = [Double](repeating: .nan, count: n)
        var occupied = [Bool](repeating: false, count: n)
        var collapsed = 0
        for (t, v) in zip(source.timestamps, source.values) {
            let k = Int(((t - first) / interval).rounded(.toNearestOrEven))
            guard k >= 0, k < n else { throw GridError.outOfOrder(series: source.name, timestamp: t) }
            if occupied[k] { collapsed += 1 }
            occupied[k] = true
            values[k] = v
        }
        var filled = 0
        for k in 1..<max(n, 1) where !occupied[k] {
            values[k] = values[k - 1]
            filled += 1
        }
        self.init(
            series: RegularSeries(name: source.name, start: first, interval: interval, values: values),
            collapsed: collapsed,
            filled: filled
        )
    }

    static func median(_ xs: [Double]) -> Double {
        let sorted = xs.sorted()
        let mid = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
    }
}

public enum GridError: Error, Equatable, CustomStringConvertible {
    case tooFewPoints(series: String, count: Int)
    case nonPositiveInterval(series: String, interval: Double)
    case outOfOrder(series: String, timestamp: Double)

    public var description: String {
        switch self {
        case .tooFewPoints(let name, let count):
            return "series \(name) has \(count) point(s); a regular grid needs at least 2 to infer its interval"
        case .nonPositiveInterval(let name, let interval):
            return "series \(name): the median interval between timestamps is \(interval) s; timestamps must increase (give --interval for files without timestamps)"
        case .outOfOrder(let name, let t):
            return "series \(name): timestamp \(t) lies before the first timestamp; sort the file by time"
        }
    }
}
