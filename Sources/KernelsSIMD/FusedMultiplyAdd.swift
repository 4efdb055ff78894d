/// Lane types and the few helpers every kernel of this module shares.
///
/// The module's sources are compiled three times (see Package.swift): `KernelsSIMD` for any
/// x86-64, `KernelsSIMDHaswell` with AVX2 + FMA (`SIMD_FMA`), and `KernelsSIMDAVX512` with
/// AVX-512 (`SIMD_FMA` and `SIMD_WIDE`). `Sources/KernelsSIMDHaswell` and
/// `Sources/KernelsSIMDAVX512` hold symbolic links to the files of `Sources/KernelsSIMD`.
///
/// `FloatLanes` is the vector the element-wise kernels (exp, σ, tanh, the LSTM cell) step
/// through: eight floats (one AVX register), or sixteen in the AVX-512 build. Every lane is
/// computed by the same operations in every width, so the Haswell and AVX-512 builds give
/// the same bits (tested); only the number of units per instruction changes.
#if SIMD_WIDE
public typealias FloatLanes = SIMD16<Float>
/// The IEEE-754 bit patterns of `FloatLanes`.
public typealias BitLanes = SIMD16<UInt32>
#else
public typealias FloatLanes = SIMD8<Float>
/// The IEEE-754 bit patterns of `FloatLanes`.
public typealias BitLanes = SIMD8<UInt32>
#endif

/// Lanes per `FloatLanes`.
@inline(__always)
var laneCount: Int { FloatLanes.scalarCount }

/// a·b + c: one fused instruction (one rounding) in the builds that define `SIMD_FMA`; a
/// multiply then an add (two roundings) in the baseline build, where `addingProduct` would
/// become calls to libm's `fmaf`.
@_transparent
func multiplyAdd(_ a: FloatLanes, _ b: FloatLanes, _ c: FloatLanes) -> FloatLanes {
    #if SIMD_FMA
    return c.addingProduct(a, b)
    #else
    return a * b + c
    #endif
}

#if SIMD_WIDE
/// a·b + c on eight lanes (`PackedGEMM`'s tiles are eight lanes wide in every build).
@inline(__always)
func multiplyAdd(_ a: SIMD8<Float>, _ b: SIMD8<Float>, _ c: SIMD8<Float>) -> SIMD8<Float> {
    c.addingProduct(a, b)
}
#endif

/// `FloatLanes` from `p`, or the first `n` < `laneCount` with zeros after them.
@inline(__always)
func load(_ p: UnsafePointer<Float>, _ n: Int) -> FloatLanes {
    if n == laneCount { return UnsafeRawPointer(p).loadUnaligned(as: FloatLanes.self) }
    var v = FloatLanes.zero
    for k in 0..<n { v[k] = p[k] }
    return v
}

@inline(__always)
func load(_ p: UnsafeMutablePointer<Float>, _ n: Int) -> FloatLanes { load(UnsafePointer(p), n) }

/// `FloatLanes` from `p` (all present).
@inline(__always)
func loadLanes(_ p: UnsafePointer<Float>) -> FloatLanes { UnsafeRawPointer(p).loadUnaligned(as: FloatLanes.self) }

/// Stores the first `n` lanes of `v` at `p`.
@inline(__always)
func store(_ v: FloatLanes, _ p: UnsafeMutablePointer<Float>, _ n: Int) {
    if n == laneCount { UnsafeMutableRawPointer(p).storeBytes(of: v, as: FloatLanes.self); return }
    for k in 0..<n { p[k] = v[k] }
}

/// Eight lanes from `p` (all present); `PackedGEMM`'s panel loads.
@inline(__always)
func load8(_ p: UnsafePointer<Float>) -> SIMD8<Float> { UnsafeRawPointer(p).loadUnaligned(as: SIMD8<Float>.self) }

/// Eight lanes from `p`, or the first `n` < 8 with zeros after them.
@inline(__always)
func load8(_ p: UnsafePointer<Float>, _ n: Int) -> SIMD8<Float> {
    if n == 8 { return load8(p) }
    var v = SIMD8<Float>.zero
    for k in 0..<n { v[k] = p[k] }
    return v
}

/// Stores the first `n` ≤ 8 lanes of `v` at `p`.
@inline(__always)
func store8(_ v: SIMD8<Float>, _ p: UnsafeMutablePointer<Float>, _ n: Int) {
    if n == 8 { UnsafeMutableRawPointer(p).storeBytes(of: v, as: SIMD8<Float>.self); return }
    for k in 0..<n { p[k] = v[k] }
}
