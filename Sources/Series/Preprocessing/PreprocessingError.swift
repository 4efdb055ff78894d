/// What can go wrong while turning raw samples into a model-ready series. Every case
/// carries the offending index and value so a caller can point at the sample.
public enum PreprocessingError: Error, Equatable, CustomStringConvertible {
    /// A counter needs at least two samples to yield one rate.
    case tooFewCounterSamples(count: Int)
    /// t_k ≤ t_{k−1}: a rate over a zero or negative time step is undefined.
    case nonIncreasingTimestamp(index: Int, previous: Double, current: Double)
    /// A NaN or infinite sample where a number was needed.
    case nonFiniteValue(index: Int, value: Double)
    /// Cumulative counters never go below zero.
    case negativeCounter(index: Int, value: Double)
    /// log1p is defined only for x > −1.
    case logOfValueAtOrBelowMinusOne(index: Int, value: Double)
    /// Clip bounds need a non-empty training part.
    case emptyTrainingData
    /// Clip quantiles must satisfy 0 ≤ lower < upper ≤ 1.
    case invalidClipQuantiles(lower: Double, upper: Double)
    /// The unit scale must be finite and positive.
    case invalidScale(Double)
    /// A metric name outside `MetricKind.allCases`.
    case unknownMetric(String, allowed: [String])

    public var description: String {
        switch self {
        case .tooFewCounterSamples(let count):
            return "a counter series needs at least 2 samples to compute a rate, got \(count); give a longer series"
        case .nonIncreasingTimestamp(let index, let previous, let current):
            return "counter timestamp at index \(index) (\(current)) is not after the previous one (\(previous)); "
                + "sort the samples and drop duplicate timestamps (or put them on a regular grid) first"
        case .nonFiniteValue(let index, let value):
            return "value at index \(index) is \(value); clean or drop non-finite samples before preprocessing"
        case .negativeCounter(let index, let value):
            return "counter value at index \(index) is \(value), but cumulative counters are never negative; "
                + "check that the series really is a counter (use input: gauge otherwise)"
        case .logOfValueAtOrBelowMinusOne(let index, let value):
            return "log1p needs values above −1, but index \(index) holds \(value); "
                + "turn off the log1p transform for this metric or fix the input"
        case .emptyTrainingData:
            return "cannot fit preprocessing on an empty training part; give the series more points"
        case .invalidClipQuantiles(let lower, let upper):
            return "clip quantiles must satisfy 0 ≤ lower < upper ≤ 1, got [\(lower), \(upper)]; use e.g. [0.001, 0.999]"
        case .invalidScale(let scale):
            return "the unit scale must be finite and positive, got \(scale); use e.g. 1 or 1/1048576 for bytes → MiB"
        case .unknownMetric(let name, let allowed):
            return "unknown metric `\(name)`; use one of \(allowed.joined(separator: ", "))"
        }
    }
}
