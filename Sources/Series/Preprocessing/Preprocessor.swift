import Foundation

/// A metric's preprocessing before it is fitted: the stateless counter → rate stage and
/// `fit(train:)`, which learns the clip bounds from the training part only.
///
/// Typical use (train = the first `nTrain` points of the rate series):
///
///     let pre = Preprocessor(spec: .recommended(for: .networkRx))
///     let rates = try pre.rateStage(raw)                     // n − 1 points for counters
///     let fitted = try pre.fit(train: rates.series.values.prefix(nTrain))
///     let ready = try fitted.apply(rates.series)             // same length as `rates`
public struct Preprocessor: Sendable, Equatable {
    public let spec: PreprocessingSpec

    public init(spec: PreprocessingSpec) {
        self.spec = spec
    }

    /// Counter → rate for `.counter` inputs (one point shorter, grid starts one step
    /// later); the series unchanged, with 0 resets, for `.gauge` inputs.
    public func rateStage(_ series: RegularSeries) throws(PreprocessingError) -> CounterRates<RegularSeries> {
        switch spec.input {
        case .gauge: return CounterRates(series: series, resetCount: 0)
        case .counter: return try CounterRate.rates(of: series)
        }
    }

    /// Fits the clip bounds on `train` (values after `rateStage`, before scaling):
    /// lower = Q(clip.lower), upper = Q(clip.upper) of x·scale. Non-finite values are errors.
    public func fit(train: some Collection<Double>) throws(PreprocessingError) -> FittedPreprocessor {
        guard !train.isEmpty else { throw .emptyTrainingData }
        var scaled: [Double] = []
        scaled.reserveCapacity(train.count)
        for (k, v) in train.enumerated() {
            guard v.isFinite else { throw .nonFiniteValue(index: k, value: v) }
            scaled.append(v * spec.scale)
        }
        var bounds: ClipBounds?
        if let clip = spec.clip, let quantiles = LinearQuantiles(scaled) {
            bounds = ClipBounds(lower: quantiles.quantile(clip.lower), upper: quantiles.quantile(clip.upper))
        }
        return FittedPreprocessor(spec: spec, clipBounds: bounds)
    }
}

/// Clip bounds in scaled units, learned from the training part.
public struct ClipBounds: Sendable, Equatable, Hashable, Codable {
    public let lower: Double
    public let upper: Double
}

/// Preprocessing with its fitted state (clip bounds from train). Pointwise:
///
///     apply:   y = T(clamp(x·scale, lower, upper)),   T = identity or log1p
///     inverse: x = T⁻¹(y) / scale                     (T⁻¹ = identity or expm1)
///
/// `inverse(apply(x)) == x` for x inside the clip bounds (up to rounding); values that
/// were clipped come back as the bound.
public struct FittedPreprocessor: Sendable, Equatable, Codable {
    public let spec: PreprocessingSpec
    /// nil when `spec.clip` is nil.
    public let clipBounds: ClipBounds?

    public init(spec: PreprocessingSpec, clipBounds: ClipBounds?) {
        self.spec = spec
        self.clipBounds = clipBounds
    }

    /// Steps 2–4 of `PreprocessingSpec` on every value; throws on a non-finite value or
    /// (with log1p) on a value ≤ −1 after clipping, naming its index.
    public func apply(_ values: [Double]) throws(PreprocessingError) -> [Double] {
        var out: [Double] = []
        out.reserveCapacity(values.count)
        for (k, v) in values.enumerated() {
            guard v.isFinite else { throw .nonFiniteValue(index: k, value: v) }
            var x = v * spec.scale
            if let bounds = clipBounds { x = Swift.min(Swift.max(x, bounds.lower), bounds.upper) }
            switch spec.transform {
            case .identity:
                out.append(x)
            case .log1p:
                guard x > -1 else { throw .logOfValueAtOrBelowMinusOne(index: k, value: x) }
                out.append(Foundation.log1p(x))
            }
        }
        return out
    }

    /// `apply` on the values of a series; same grid.
    public func apply(_ series: RegularSeries) throws(PreprocessingError) -> RegularSeries {
        series.with(values: try apply(series.values))
    }

    /// Back to the units after `rateStage` (for example forecasts in bytes/s).
    public func inverse(_ values: [Double]) -> [Double] {
        values.map { y in
            let x: Double
            switch spec.transform {
            case .identity: x = y
            case .log1p: x = Foundation.expm1(y)
            }
            return x / spec.scale
        }
    }
}
