/// How raw samples arrive.
public enum SampleKind: String, CaseIterable, Sendable, Hashable, Codable {
    /// An instantaneous reading (CPU %, memory bytes): used as is.
    case gauge
    /// A cumulative, monotone-except-for-resets counter: turned into a per-second rate
    /// by `CounterRate` (one point shorter).
    case counter
}

/// A pointwise, invertible transform applied after clipping.
public enum ValueTransform: String, CaseIterable, Sendable, Hashable, Codable {
    /// x ↦ x.
    case identity
    /// x ↦ log(1 + x), inverse y ↦ exp(y) − 1; for heavy-tailed non-negative rates.
    case log1p
}

/// Clip bounds taken as quantiles (numpy "linear" method) of the training part,
/// then applied to every part: x ↦ min(max(x, q_lower), q_upper).
public struct QuantileClip: Sendable, Equatable, Hashable {
    public let lower: Double
    public let upper: Double

    /// Requires 0 ≤ lower < upper ≤ 1.
    public init(lower: Double, upper: Double) throws(PreprocessingError) {
        guard lower >= 0, upper <= 1, lower < upper else {
            throw .invalidClipQuantiles(lower: lower, upper: upper)
        }
        self.lower = lower
        self.upper = upper
    }

    /// 0.001 / 0.999: trims about one sample in a thousand at each end.
    public static let tails = QuantileClip(uncheckedLower: 0.001, upper: 0.999)

    private init(uncheckedLower lower: Double, upper: Double) {
        self.lower = lower
        self.upper = upper
    }
}

/// What to do with one metric's raw samples before scaling, in this order:
///
/// 1. `input == .counter`: counter → rate (`CounterRate`), series one point shorter;
/// 2. x ↦ x · `scale` (unit change, e.g. 1/1048576 for bytes → MiB, 1e-6 for µs → s);
/// 3. clip to the train quantiles `clip` (if set), bounds fitted on train only;
/// 4. `transform` (identity or log1p).
///
/// Steps 2–4 are what `FittedPreprocessor.apply` does; `inverse` undoes 4 and 2
/// (clipping is not invertible and is left as is).
public struct PreprocessingSpec: Sendable, Equatable, Hashable {
    public var input: SampleKind
    public var scale: Double
    public var clip: QuantileClip?
    public var transform: ValueTransform

    public init(input: SampleKind = .gauge, scale: Double = 1, clip: QuantileClip? = nil, transform: ValueTransform = .identity) throws(PreprocessingError) {
        guard scale.isFinite, scale > 0 else { throw .invalidScale(scale) }
        self.input = input
        self.scale = scale
        self.clip = clip
        self.transform = transform
    }

    private init(validInput input: SampleKind, clip: QuantileClip?, transform: ValueTransform) {
        self.input = input
        self.scale = 1
        self.clip = clip
        self.transform = transform
    }

    /// The defaults per metric (the table in `MetricKind`'s documentation). This is the
    /// one place these defaults live; configs override single keys.
    public static func recommended(for metric: MetricKind) -> PreprocessingSpec {
        switch metric {
        case .cpu, .memory:
            return PreprocessingSpec(validInput: .gauge, clip: nil, transform: .identity)
        case .diskReads, .diskWrites, .networkRx, .networkTx:
            return PreprocessingSpec(validInput: .counter, clip: .tails, transform: .log1p)
        }
    }
}
