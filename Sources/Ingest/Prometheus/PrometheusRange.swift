/// The evaluation grid of a `query_range`: t_i = start + i·step for i = 0 … count−1, with
/// t_{count−1} ≤ end (Prometheus's own rule), all in seconds since 1970-01-01 UTC.
public struct PrometheusRange: Sendable, Equatable {
    public var start: Double
    public var end: Double
    public var step: Double

    public init(start: Double, end: Double, step: Double) throws(IngestError) {
        guard step.isFinite, step > 0 else {
            throw .invalidSetting(name: "step", value: String(step), expected: "a positive number of seconds")
        }
        guard start.isFinite, end.isFinite, start <= end else {
            throw .invalidSetting(name: "range", value: "\(start) … \(end)", expected: "a start at or before the end")
        }
        self.start = start
        self.end = end
        self.step = step
    }

    /// The last `lookback` seconds before `now`, with the end rounded down to a multiple of
    /// `step` (end = ⌊now / step⌋·step, start = end − lookback): two readings within one step
    /// resolve to the same range, and each later step adds one new point.
    public static func last(_ lookback: Double, step: Double, now: Double) throws(IngestError) -> PrometheusRange {
        guard lookback.isFinite, lookback > 0 else {
            throw .invalidSetting(name: "since", value: String(lookback), expected: "a positive number of seconds")
        }
        guard step.isFinite, step > 0 else {
            throw .invalidSetting(name: "step", value: String(step), expected: "a positive number of seconds")
        }
        let end = (now / step).rounded(.down) * step
        return try PrometheusRange(start: end - lookback, end: end, step: step)
    }

    /// Grid points in the range: ⌊(end − start) / step⌋ + 1.
    public var pointCount: Int {
        Int(((end - start) / step).rounded(.down)) + 1
    }

    /// Consecutive sub-ranges of at most `maxPoints` grid points each, on the same grid:
    /// chunk k starts at start + k·maxPoints·step, so no point is fetched twice and none is missed.
    public func chunks(maxPoints: Int) -> [PrometheusRange] {
        let total = pointCount
        guard total > maxPoints else { return [self] }
        var result: [PrometheusRange] = []
        var first = 0
        while first < total {
            let last = min(first + maxPoints, total) - 1
            let chunkStart = start + Double(first) * step
            let chunkEnd = last == total - 1 ? end : start + Double(last) * step
            result.append(PrometheusRange(uncheckedStart: chunkStart, end: chunkEnd, step: step))
            first = last + 1
        }
        return result
    }

    private init(uncheckedStart start: Double, end: Double, step: Double) {
        self.start = start
        self.end = end
        self.step = step
    }
}
