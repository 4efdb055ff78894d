/// Vectorised logistic sigmoid and hyperbolic tangent over contiguous Float arrays,
/// eight lanes at a time through `vectorExp`, with a scalar tail.
///
/// This module is compiled twice (see `FusedMultiplyAdd.swift`): as `KernelsSIMD` for any
/// x86-64 and as `KernelsSIMDHaswell` with AVX2 + FMA; `Kernels.Activations` picks one at
/// run time. The entry points are therefore not `@inlinable`: their bodies must be compiled
/// here, with this module's instruction set, not in the caller.
///
/// - σ(x) = 1 / (1 + e^(−x)); absolute error < 2e-7 against libm (tested).
/// - tanh(x) = sign(x)·(1 − e)/(1 + e) with e = e^(−2|x|); absolute error < 3e-7
///   against libm (tested), relative error grows only for |x| < 1e-3 where the
///   absolute error still holds.
public enum Activations {
    /// y[i] = σ(x[i]) for i < count; `y` may equal `x`.
    public static func sigmoid(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count: Int) {
        var i = 0
        let one = SIMD8<Float>(repeating: 1)
        while i + 8 <= count {
            let v = UnsafeRawPointer(x + i).loadUnaligned(as: SIMD8<Float>.self)
            let s = one / (one + vectorExp(-v))
            UnsafeMutableRawPointer(y + i).storeBytes(of: s, as: SIMD8<Float>.self)
            i += 8
        }
        while i < count {
            y[i] = sigmoidScalar(x[i])
            i += 1
        }
    }

    /// y[i] = tanh(x[i]) for i < count; `y` may equal `x`.
    public static func tanh(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count: Int) {
        var i = 0
        while i + 8 <= count {
            let v = UnsafeRawPointer(x + i).loadUnaligned(as: SIMD8<Float>.self)
            UnsafeMutableRawPointer(y + i).storeBytes(of: tanh8(v), as: SIMD8<Float>.self)
            i += 8
        }
        while i < count {
            y[i] = tanhScalar(x[i])
            i += 1
        }
    }

    /// tanh on eight lanes: sign(x)·(1 − e)/(1 + e), e = e^(−2|x|).
    @inline(__always)
    public static func tanh8(_ v: SIMD8<Float>) -> SIMD8<Float> {
        let one = SIMD8<Float>(repeating: 1)
        let magnitude = floats(bits(v) & 0x7FFF_FFFF)
        let e = vectorExp(-2 * magnitude)
        let t = (one - e) / (one + e)
        return floats(bits(t) | (bits(v) & 0x8000_0000))
    }

    /// σ on eight lanes.
    @inline(__always)
    public static func sigmoid8(_ v: SIMD8<Float>) -> SIMD8<Float> {
        let one = SIMD8<Float>(repeating: 1)
        return one / (one + vectorExp(-v))
    }

    @inline(__always)
    public static func sigmoidScalar(_ x: Float) -> Float {
        sigmoid8(SIMD8(repeating: x))[0]
    }

    @inline(__always)
    public static func tanhScalar(_ x: Float) -> Float {
        tanh8(SIMD8(repeating: x))[0]
    }
}
