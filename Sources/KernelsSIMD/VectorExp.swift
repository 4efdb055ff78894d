/// exp(x) on every lane of `FloatLanes` with plain SIMD arithmetic and bit manipulation (no libm
/// call, no Float → Int conversion instruction that the compiler might scalarise).
///
/// Range reduction: x = n·ln2 + r with n = round(x·log2 e), |r| ≤ ln2/2, where the
/// rounding uses the 1.5·2²³ "magic number": adding it to y leaves round(y) in the
/// low mantissa bits. Then exp(x) = 2ⁿ·exp(r); 2ⁿ is built as the float whose
/// exponent field is n + 127, and exp(r) is Cephes' degree-7 polynomial
/// 1 + r + r²·P(r). Cody–Waite splits ln2 = C1 + C2 so r keeps full precision.
/// x is clamped to [−87.3, 88.7] (exp stays a finite, normal float); the maximum
/// relative error against libm's expf over that range is tested to be < 4e-7.
///
/// `@_transparent` (always inlined, before the optimiser's size limits, which with sixteen
/// lanes left σ and tanh as calls passing vectors through memory); not visible outside the
/// module, so every caller is compiled with this build's instruction set.
@_transparent
func expLanes(_ x: FloatLanes) -> FloatLanes {
    let magic: Float = 12_582_912 // 1.5 · 2²³
    let log2e: Float = 1.442_695_04
    let c1: Float = 0.693_359_375
    let c2: Float = -2.121_944_40e-4

    let lo = FloatLanes(repeating: -87.3), hi = FloatLanes(repeating: 88.7)
    let xc = x.replacing(with: hi, where: x .> hi).replacing(with: lo, where: x .< lo)
    let shifted = xc * log2e + magic
    let n = shifted - magic
    let r = xc - n * c1 - n * c2

    var p = FloatLanes(repeating: 1.987_569_150_0e-4)
    p = multiplyAdd(p, r, FloatLanes(repeating: 1.398_199_950_7e-3))
    p = multiplyAdd(p, r, FloatLanes(repeating: 8.333_451_907_3e-3))
    p = multiplyAdd(p, r, FloatLanes(repeating: 4.166_579_589_4e-2))
    p = multiplyAdd(p, r, FloatLanes(repeating: 1.666_666_545_9e-1))
    p = multiplyAdd(p, r, FloatLanes(repeating: 5.000_000_120_1e-1))
    let expR = multiplyAdd(p, r * r, r + 1)

    // 2ⁿ = the float with exponent field n + 127. The float n + 127 + 2²³ is exact and holds
    // n + 127 in its low mantissa bits; shifting its bits left by 23 moves them into the
    // exponent field and drops the rest. (No vector integer add or subtract: debug builds emit
    // those operators as shared weak copies, which the linker could take from an AVX build
    // for the baseline one.)
    let scale = floats(bits(n + 8_388_735) &<< 23)
    return expR * scale
}

/// The IEEE-754 bits of each lane (a reinterpretation, no conversion).
@_transparent
func bits(_ v: FloatLanes) -> BitLanes { unsafeBitCast(v, to: BitLanes.self) }

/// The floats whose IEEE-754 bits are the lanes of `b`.
@_transparent
func floats(_ b: BitLanes) -> FloatLanes { unsafeBitCast(b, to: FloatLanes.self) }


/// `expLanes` as an entry point for tests (not inlinable into other modules, whose
/// instruction set may differ).
public func vectorExp(_ x: FloatLanes) -> FloatLanes { expLanes(x) }
