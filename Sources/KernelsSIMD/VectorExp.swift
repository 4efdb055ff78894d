/// exp(x) on eight lanes with plain SIMD arithmetic and bit manipulation (no libm
/// call, no Float → Int conversion instruction that the compiler might scalarise).
///
/// Range reduction: x = n·ln2 + r with n = round(x·log2 e), |r| ≤ ln2/2, where the
/// rounding uses the 1.5·2²³ "magic number": adding it to y leaves round(y) in the
/// low mantissa bits. Then exp(x) = 2ⁿ·exp(r); 2ⁿ is built as the float whose
/// exponent field is n + 127, and exp(r) is Cephes' degree-7 polynomial
/// 1 + r + r²·P(r). Cody–Waite splits ln2 = C1 + C2 so r keeps full precision.
/// x is clamped to [−87.3, 88.7] (exp stays a finite, normal float); the maximum
/// relative error against libm's expf over that range is tested to be < 4e-7.
@inline(__always)
public func vectorExp(_ x: SIMD8<Float>) -> SIMD8<Float> {
    let magic: Float = 12_582_912 // 1.5 · 2²³
    let log2e: Float = 1.442_695_04
    let c1: Float = 0.693_359_375
    let c2: Float = -2.121_944_40e-4

    let lo = SIMD8<Float>(repeating: -87.3), hi = SIMD8<Float>(repeating: 88.7)
    let xc = x.replacing(with: hi, where: x .> hi).replacing(with: lo, where: x .< lo)
    let shifted = xc * log2e + magic
    let n = shifted - magic
    let r = xc - n * c1 - n * c2

    var p = SIMD8<Float>(repeating: 1.987_569_150_0e-4)
    p = multiplyAdd(p, r, SIMD8(repeating: 1.398_199_950_7e-3))
    p = multiplyAdd(p, r, SIMD8(repeating: 8.333_451_907_3e-3))
    p = multiplyAdd(p, r, SIMD8(repeating: 4.166_579_589_4e-2))
    p = multiplyAdd(p, r, SIMD8(repeating: 1.666_666_545_9e-1))
    p = multiplyAdd(p, r, SIMD8(repeating: 5.000_000_120_1e-1))
    let expR = multiplyAdd(p, r * r, r + 1)

    // Low bits of `shifted` hold n (two's complement, |n| ≤ 128); 2ⁿ = bits (n + 127) << 23.
    let nBits = bits(shifted) &- SIMD8(repeating: magic.bitPattern)
    let scale = floats((nBits &+ 127) &<< 23)
    return expR * scale
}

/// The IEEE-754 bits of each lane (a reinterpretation, no conversion).
@inline(__always)
func bits(_ v: SIMD8<Float>) -> SIMD8<UInt32> { unsafeBitCast(v, to: SIMD8<UInt32>.self) }

/// The floats whose IEEE-754 bits are the lanes of `b`.
@inline(__always)
func floats(_ b: SIMD8<UInt32>) -> SIMD8<Float> { unsafeBitCast(b, to: SIMD8<Float>.self) }

