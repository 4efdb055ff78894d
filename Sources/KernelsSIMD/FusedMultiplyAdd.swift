/// a·b + c on eight lanes: one fused instruction (one rounding) in the `KernelsSIMDHaswell`
/// build, which defines `SIMD_FMA` and is compiled with `-target-cpu haswell`; a multiply
/// then an add (two roundings) in the baseline `KernelsSIMD` build, where
/// `addingProduct` would become eight calls to libm's `fmaf`.
///
/// The two builds share these source files: `Sources/KernelsSIMDHaswell` holds symbolic
/// links to the files of `Sources/KernelsSIMD`.
@inline(__always)
func multiplyAdd(_ a: SIMD8<Float>, _ b: SIMD8<Float>, _ c: SIMD8<Float>) -> SIMD8<Float> {
    #if SIMD_FMA
    return c.addingProduct(a, b)
    #else
    return a * b + c
    #endif
}

/// Eight lanes from `p`, or the first `n` < 8 with zeros after them.
@inline(__always)
func load(_ p: UnsafePointer<Float>, _ n: Int) -> SIMD8<Float> {
    if n == 8 { return UnsafeRawPointer(p).loadUnaligned(as: SIMD8<Float>.self) }
    var v = SIMD8<Float>.zero
    for k in 0..<n { v[k] = p[k] }
    return v
}

@inline(__always)
func load(_ p: UnsafeMutablePointer<Float>, _ n: Int) -> SIMD8<Float> { load(UnsafePointer(p), n) }

/// Eight lanes from `p` (all present).
@inline(__always)
func load8(_ p: UnsafePointer<Float>) -> SIMD8<Float> { UnsafeRawPointer(p).loadUnaligned(as: SIMD8<Float>.self) }

/// Stores the first `n` lanes of `v` at `p`.
@inline(__always)
func store(_ v: SIMD8<Float>, _ p: UnsafeMutablePointer<Float>, _ n: Int) {
    if n == 8 { UnsafeMutableRawPointer(p).storeBytes(of: v, as: SIMD8<Float>.self); return }
    for k in 0..<n { p[k] = v[k] }
}
