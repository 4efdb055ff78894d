import Foundation
import Kernels

/// Independent uniform draws, one generator per (seed, trial, parameter):
///
/// - `choice`: each value with probability 1/n;
/// - `uniform(a, b)`: x = a + u·(b − a), u ~ U[0, 1);
/// - `logUniform(a, b)`: x = exp(log a + u·(log b − log a)), clipped to [a, b];
/// - `int(a, b)`: round(y) with y ~ U[a − ½, b + ½] (each integer with probability
///   1/(b − a + 1)); with `log`, y = exp(U[log(a − ½), log(b + ½)]), as Optuna's
///   `RandomSampler` and TPE's start-up trials draw.
public struct RandomSampler: SweepSampler, Sendable, Hashable {
    public var seed: UInt64

    public init(seed: UInt64) {
        self.seed = seed
    }

    public func suggest(space: SearchSpace, history: [CompletedTrial], trialNumber: Int) throws(SamplerError) -> TrialParameters {
        guard trialNumber >= 0 else { throw .negativeTrialNumber(trialNumber) }
        var pairs: [(String, ParamValue)] = []
        for (i, parameter) in space.parameters.enumerated() {
            var g = TrialRandomness.generator(seed: seed, trialNumber: trialNumber, stream: i)
            pairs.append((parameter.name, Self.draw(parameter.domain, &g)))
        }
        return TrialParameters(pairs)
    }

    /// One uniform draw from `domain`.
    static func draw(_ domain: SearchDomain, _ g: inout SplitMix64) -> ParamValue {
        let scale = ParameterScale(domain)
        switch domain {
        case .choice(let values):
            return values[TrialRandomness.index(values.count, &g)]
        default:
            return scale.external(scale.low + g.nextUnit() * (scale.high - scale.low))
        }
    }
}

/// How a numeric domain is modelled internally, as Optuna's Parzen estimator does: an
/// internal coordinate z (x itself, or log x on a log scale) on [low, high], where an
/// integer domain's bounds are widened by ½ on each side before the log
/// (z ∈ [log(a − ½), log(b + ½)] for a log `int`), and `isDiscrete` says whether the value
/// is rounded to an integer. For `choice`, z is the index of the value.
struct ParameterScale: Sendable {
    let low: Double
    let high: Double
    let isLog: Bool
    let isDiscrete: Bool
    /// The domain's own bounds (before widening), for clipping.
    let lowerValue: Double
    let upperValue: Double

    init(_ domain: SearchDomain) {
        switch domain {
        case .choice(let values):
            (low, high, isLog, isDiscrete) = (0, Double(values.count - 1), false, true)
            (lowerValue, upperValue) = (low, high)
        case .uniform(let a, let b):
            (low, high, isLog, isDiscrete, lowerValue, upperValue) = (a, b, false, false, a, b)
        case .logUniform(let a, let b):
            (low, high, isLog, isDiscrete, lowerValue, upperValue) = (Foundation.log(a), Foundation.log(b), true, false, a, b)
        case .int(let a, let b, let log):
            let (wa, wb) = (Double(a) - 0.5, Double(b) + 0.5)
            (low, high) = log ? (Foundation.log(wa), Foundation.log(wb)) : (wa, wb)
            (isLog, isDiscrete, lowerValue, upperValue) = (log, true, Double(a), Double(b))
        }
    }

    /// The value at internal coordinate z: exp on a log scale, rounded (half to even, as
    /// NumPy) and clipped for an integer, clipped to the bounds for a real.
    func external(_ z: Double) -> ParamValue {
        let x = isLog ? exp(z) : z
        if isDiscrete {
            return .int(Int(min(max(x.rounded(.toNearestOrEven), lowerValue), upperValue)))
        }
        return .double(min(max(x, lowerValue), upperValue))
    }

    /// The internal coordinate of a numeric value (log on a log scale); nil for a value
    /// that is not a finite number inside the bounds, or not an integer where one is needed.
    func internalValue(_ value: ParamValue) -> Double? {
        let x: Double
        switch value {
        case .int(let v): x = Double(v)
        case .double(let v) where !isDiscrete: x = v
        default: return nil
        }
        guard x.isFinite, x >= lowerValue, x <= upperValue else { return nil }
        return isLog ? log(x) : x
    }
}
