/// Cumulative counter → per-second rate, with Prometheus `rate()` reset semantics.
///
/// For samples (t_k, v_k), k = 0 … n−1:
///
///     increase_k = v_k − v_{k−1}   when v_k ≥ v_{k−1}
///     increase_k = v_k             when v_k < v_{k−1}   (reset: the counter restarted from 0)
///     rate_k     = increase_k / (t_k − t_{k−1}),        k = 1 … n−1
///
/// The first sample has no predecessor, so it has no rate: the result is **one sample
/// shorter** than the input and starts at t_1 (no NaN is stored). Every reset is counted.
public enum CounterRate {
    /// Rates of a counter sampled at arbitrary, strictly increasing timestamps.
    ///
    /// - Returns: a `TimeSeries` with timestamps t_1 … t_{n−1} and rates, plus the reset count.
    public static func rates(of counter: TimeSeries) throws(PreprocessingError) -> CounterRates<TimeSeries> {
        let (rates, resets) = try rates(timestamps: counter.timestamps, values: counter.values)
        let series = TimeSeries(name: counter.name, timestamps: Array(counter.timestamps.dropFirst()), values: rates)
        return CounterRates(series: series, resetCount: resets)
    }

    /// Rates of a counter on a regular grid: rate_k = increase_k / D. The result lives on
    /// the same grid shifted by one step (start + D) and has `count − 1` points.
    public static func rates(of counter: RegularSeries) throws(PreprocessingError) -> CounterRates<RegularSeries> {
        let timestamps = (0..<counter.count).map(counter.timestamp(at:))
        let (rates, resets) = try rates(timestamps: timestamps, values: counter.values)
        let series = RegularSeries(
            name: counter.name, start: counter.start + counter.interval, interval: counter.interval, values: rates)
        return CounterRates(series: series, resetCount: resets)
    }

    /// The arithmetic shared by both entry points: `rates.count == values.count − 1`.
    static func rates(timestamps: [Double], values: [Double]) throws(PreprocessingError) -> (rates: [Double], resets: Int) {
        guard values.count >= 2 else { throw .tooFewCounterSamples(count: values.count) }
        for (k, v) in values.enumerated() {
            guard v.isFinite else { throw .nonFiniteValue(index: k, value: v) }
            guard v >= 0 else { throw .negativeCounter(index: k, value: v) }
        }
        var rates: [Double] = []
        rates.reserveCapacity(values.count - 1)
        var resets = 0
        for k in 1..<values.count {
            let dt = timestamps[k] - timestamps[k - 1]
            guard dt > 0 else {
                throw .nonIncreasingTimestamp(index: k, previous: timestamps[k - 1], current: timestamps[k])
            }
            let increase: Double
            if values[k] < values[k - 1] {
                resets += 1
                increase = values[k]
            } else {
                increase = values[k] - values[k - 1]
            }
            rates.append(increase / dt)
        }
        return (rates, resets)
    }
}

/// A rate series and how many counter resets were seen while computing it.
public struct CounterRates<S: Sendable & Equatable>: Sendable, Equatable {
    /// One point shorter than the counter: the first sample has no rate.
    public var series: S
    /// Number of k with v_k < v_{k−1}.
    public var resetCount: Int

    public init(series: S, resetCount: Int) {
        self.series = series
        self.resetCount = resetCount
    }
}
