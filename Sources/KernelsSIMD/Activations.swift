/// Vectorised logistic sigmoid and hyperbolic tangent over contiguous Float arrays,
/// `FloatLanes` (8 or 16 lanes) at a time through `vectorExp`, with a scalar tail.
///
/// This module is compiled three times (see `FusedMultiplyAdd.swift`): as `KernelsSIMD` for any
/// x86-64, as `KernelsSIMDHaswell` with AVX2 + FMA, as `KernelsSIMDAVX512`; `Kernels.Activations` picks one at
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
        let one = FloatLanes(repeating: 1)
        while i + laneCount <= count {
            let v = UnsafeRawPointer(x + i).loadUnaligned(as: FloatLanes.self)
            let s = one / (one + expLanes(-v))
            UnsafeMutableRawPointer(y + i).storeBytes(of: s, as: FloatLanes.self)
            i += laneCount
        }
        while i < count {
            y[i] = sigmoidScalar(x[i])
            i += 1
        }
    }

    /// y[i] = tanh(x[i]) for i < count; `y` may equal `x`.
    public static func tanh(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count: Int) {
        var i = 0
        while i + laneCount <= count {
            let v = UnsafeRawPointer(x + i).loadUnaligned(as: FloatLanes.self)
            UnsafeMutableRawPointer(y + i).storeBytes(of: tanhLanes(v), as: FloatLanes.self)
            i += laneCount
        }
        while i < count {
            y[i] = tanhScalar(x[i])
            i += 1
        }
    }

    /// tanh on every lane: sign(x)·(1 − e)/(1 + e), e = e^(−2|x|).
    @_transparent
    static func tanhLanes(_ v: FloatLanes) -> FloatLanes {
        let one = FloatLanes(repeating: 1)
        let magnitude = floats(bits(v) & 0x7FFF_FFFF)
        let e = expLanes(-2 * magnitude)
        let t = (one - e) / (one + e)
        return floats(bits(t) | (bits(v) & 0x8000_0000))
    }

    /// σ on every lane.
    @_transparent
    static func sigmoidLanes(_ v: FloatLanes) -> FloatLanes {
        let one = FloatLanes(repeating: 1)
        return one / (one + expLanes(-v))
    }

    @inline(__always)
    static func sigmoidScalar(_ x: Float) -> Float {
        sigmoidLanes(FloatLanes(repeating: x))[0]
    }

    @inline(__always)
    static func tanhScalar(_ x: Float) -> Float {
        tanhLanes(FloatLanes(repeating: x))[0]
    }
}
