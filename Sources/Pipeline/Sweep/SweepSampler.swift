import Kernels

/// Chooses the parameters of trial `trialNumber` from the search space and the history
/// of finished trials, and nothing else: a sampler holds its settings (seed included) and
/// no state, so several worker processes that read the same history from the registry
/// suggest the same parameters for the same trial number.
public protocol SweepSampler: Sendable {
    func suggest(space: SearchSpace, history: [CompletedTrial], trialNumber: Int) throws(SamplerError) -> TrialParameters
}

/// Why a sampler cannot suggest parameters.
public enum SamplerError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Grid search met a continuous parameter without a `grid:` count.
    case continuousWithoutGrid(parameter: String, domain: String)
    /// The grid has `total` points and trial `trialNumber` (0-based) is past them.
    case gridExhausted(trialNumber: Int, total: Int)
    /// The grid has more points than grid search enumerates.
    case gridTooLarge(points: String, limit: Int)
    case negativeTrialNumber(Int)

    public var description: String {
        switch self {
        case .continuousWithoutGrid(let name, let domain):
            "grid search needs a finite set of values, but `\(name)` is \(domain); add `grid: N` (N evenly spaced values) or list the values"
        case .gridExhausted(let trial, let total):
            "the grid has \(total) points and trial \(trial) is past the last one (trials are numbered from 0); stop the sweep at \(total) trials"
        case .gridTooLarge(let points, let limit):
            "the grid has \(points) points, more than the \(limit) grid search enumerates; use fewer values or method random or tpe"
        case .negativeTrialNumber(let n):
            "trial number \(n) is negative; trials are numbered from 0"
        }
    }
}

/// The random streams of a sweep. Trial k's generator for parameter i is derived from
/// (seed, k, i) alone, by SplitMix64's mixing function applied to each in turn, so trial k
/// draws the same numbers whatever trials ran before it and in which process.
enum TrialRandomness {
    /// The generator of parameter `stream` of trial `trialNumber`.
    static func generator(seed: UInt64, trialNumber: Int, stream: Int) -> SplitMix64 {
        SplitMix64(seed: mix(mix(mix(seed) ^ UInt64(bitPattern: Int64(trialNumber))) ^ UInt64(bitPattern: Int64(stream))))
    }

    /// The generator that shuffles the grid (one per seed, independent of trials).
    static func gridGenerator(seed: UInt64) -> SplitMix64 {
        SplitMix64(seed: mix(mix(seed) ^ 0x6772_6964_5F6F_7264)) // "grid_ord"
    }

    /// One SplitMix64 output for state `x` (a bijection of 64-bit words).
    static func mix(_ x: UInt64) -> UInt64 {
        var g = SplitMix64(seed: x)
        return g.next()
    }

    /// Uniform integer in 0..<n (n ≥ 1), by the standard library's unbiased
    /// `Int.random(in:using:)` over the given generator.
    static func index(_ n: Int, _ g: inout SplitMix64) -> Int {
        Int.random(in: 0..<n, using: &g)
    }
}
