import Foundation

/// A seeded, splittable pseudo-random generator (Steele, Lea & Flood 2014).
///
/// Every random choice in the project (initialisation, shuffling, dropout, synthetic
/// data) draws from a `SplitMix64` passed in by the caller; nothing reads a global
/// generator, so the same seed gives the same bits on every run.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    public private(set) var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// An independent generator for a sub-task, derived without disturbing the
    /// parent's sequence more than one draw.
    public mutating func split() -> SplitMix64 {
        SplitMix64(seed: next())
    }

    /// Uniform in [0, 1) with 53 random bits.
    public mutating func nextUnit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// Standard normal draw by the Box–Muller transform.
    public mutating func nextGaussian() -> Double {
        var u1 = nextUnit()
        while u1 <= .leastNonzeroMagnitude { u1 = nextUnit() }
        let u2 = nextUnit()
        return (-2 * log(u1)).squareRoot() * cos(2 * .pi * u2)
    }
}
