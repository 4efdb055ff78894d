import KernelsSIMD
import KernelsSIMDAVX512
import KernelsSIMDHaswell

/// Element-wise σ and tanh over arrays, from the build of `KernelsSIMD` chosen by
/// `InstructionSet` (see `KernelsSIMD.Activations` for the formulas and error bounds).
public enum Activations {
    /// y[i] = σ(x[i]) for i < count; `y` may equal `x`.
    public static func sigmoid(
        _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count: Int,
        instructionSet: InstructionSet = .detected
    ) {
        switch instructionSet {
        case .baseline: KernelsSIMD.Activations.sigmoid(x, y, count: count)
        case .haswell: KernelsSIMDHaswell.Activations.sigmoid(x, y, count: count)
        case .avx512: KernelsSIMDAVX512.Activations.sigmoid(x, y, count: count)
        }
    }

    /// y[i] = tanh(x[i]) for i < count; `y` may equal `x`.
    public static func tanh(
        _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count: Int,
        instructionSet: InstructionSet = .detected
    ) {
        switch instructionSet {
        case .baseline: KernelsSIMD.Activations.tanh(x, y, count: count)
        case .haswell: KernelsSIMDHaswell.Activations.tanh(x, y, count: count)
        case .avx512: KernelsSIMDAVX512.Activations.tanh(x, y, count: count)
        }
    }
}

/// The element-wise part of an LSTM step (gates → c, tanh c, h; and its backward) from
/// the chosen build; the math is documented on `KernelsSIMD.LSTMCellKernel`.
public enum LSTMCellKernel {
    /// Adds `bias` [4H] to and activates `gates` [B × 4H] ([i f g o] per row) in place, writes c and tanh c
    /// [B × H] and h (row stride `hStride`); `cPrev` nil means c_{t−1} = 0.
    @inline(__always)
    public static func forward(
        gates: UnsafeMutablePointer<Float>, bias: UnsafePointer<Float>, cPrev: UnsafePointer<Float>?,
        c: UnsafeMutablePointer<Float>, tanhC: UnsafeMutablePointer<Float>,
        h: UnsafeMutablePointer<Float>, hStride: Int, batch: Int, hidden: Int,
        instructionSet: InstructionSet
    ) {
        switch instructionSet {
        case .baseline:
            KernelsSIMD.LSTMCellKernel.forward(gates: gates, bias: bias, cPrev: cPrev, c: c, tanhC: tanhC, h: h,
                                               hStride: hStride, batch: batch, hidden: hidden)
        case .haswell:
            KernelsSIMDHaswell.LSTMCellKernel.forward(gates: gates, bias: bias, cPrev: cPrev, c: c, tanhC: tanhC, h: h,
                                                      hStride: hStride, batch: batch, hidden: hidden)
        case .avx512:
            KernelsSIMDAVX512.LSTMCellKernel.forward(gates: gates, bias: bias, cPrev: cPrev, c: c, tanhC: tanhC, h: h,
                                                     hStride: hStride, batch: batch, hidden: hidden)
        }
    }

    /// Turns the activated `gates` [B × 4H] into da [B × 4H] and `dcCarry` [B × H] from
    /// ∂L/∂c_t into ∂L/∂c_{t−1}; dh = dOut (nil = 0) + dhCarry (nil = 0).
    @inline(__always)
    public static func backward(
        gates: UnsafeMutablePointer<Float>, cPrev: UnsafePointer<Float>?, tanhC: UnsafePointer<Float>,
        dOut: UnsafePointer<Float>?, dOutStride: Int, dhCarry: UnsafePointer<Float>?,
        dcCarry: UnsafeMutablePointer<Float>, batch: Int, hidden: Int,
        instructionSet: InstructionSet
    ) {
        switch instructionSet {
        case .baseline:
            KernelsSIMD.LSTMCellKernel.backward(gates: gates, cPrev: cPrev, tanhC: tanhC, dOut: dOut,
                                                dOutStride: dOutStride, dhCarry: dhCarry, dcCarry: dcCarry,
                                                batch: batch, hidden: hidden)
        case .haswell:
            KernelsSIMDHaswell.LSTMCellKernel.backward(gates: gates, cPrev: cPrev, tanhC: tanhC, dOut: dOut,
                                                       dOutStride: dOutStride, dhCarry: dhCarry, dcCarry: dcCarry,
                                                       batch: batch, hidden: hidden)
        case .avx512:
            KernelsSIMDAVX512.LSTMCellKernel.backward(gates: gates, cPrev: cPrev, tanhC: tanhC, dOut: dOut,
                                                      dOutStride: dOutStride, dhCarry: dhCarry, dcCarry: dcCarry,
                                                      batch: batch, hidden: hidden)
        }
    }
}

/// Products against a right operand packed once (`KernelsSIMD.PackedGEMM` documents the
/// layout and summation order), from the chosen build.
public enum PackedGEMM {
    /// Whether this build's products also beat OpenBLAS on large operands, so that callers
    /// should route every product against a reused weight through `PackedGEMM`.
    /// `bench-lstm --kernels`: the AVX-512 build's 8 × 32 tiles reach 112–117 GFLOP/s on the
    /// LSTM's shapes (32–1,000 rows) where OpenBLAS, which also repacks the weight on every
    /// call, reaches 103–105; the 8-lane builds reach 94–107 and win only for few rows.
    public static func outrunsBLAS(_ instructionSet: InstructionSet) -> Bool {
        instructionSet == .avx512
    }

    /// Floats needed to pack op(B) [k × n].
    public static func packedCount(k: Int, n: Int) -> Int {
        KernelsSIMD.PackedGEMM.packedCount(k: k, n: n)
    }

    /// Packs op(B) [k × n]: B stored [k × n] (`transposed` false) or [n × k] (true), row stride `ldb`.
    public static func pack(
        _ b: UnsafePointer<Float>, ldb: Int, k: Int, n: Int, transposed: Bool,
        into packed: UnsafeMutablePointer<Float>
    ) {
        KernelsSIMD.PackedGEMM.pack(b, ldb: ldb, k: k, n: n, transposed: transposed, into: packed)
    }

    /// C [m × n] = A [m × k] · op(B) (+ C when `accumulate`).
    @inline(__always)
    public static func multiply(
        m: Int, n: Int, k: Int, a: UnsafePointer<Float>, lda: Int, packed: UnsafePointer<Float>,
        c: UnsafeMutablePointer<Float>, ldc: Int, accumulate: Bool, instructionSet: InstructionSet
    ) {
        precondition(m >= 0 && n >= 0 && k >= 0, "packed GEMM dimensions must be non-negative: m \(m) n \(n) k \(k)")
        switch instructionSet {
        case .baseline:
            KernelsSIMD.PackedGEMM.multiply(m: m, n: n, k: k, a: a, lda: lda, packed: packed, c: c, ldc: ldc,
                                            accumulate: accumulate)
        case .haswell:
            KernelsSIMDHaswell.PackedGEMM.multiply(m: m, n: n, k: k, a: a, lda: lda, packed: packed, c: c, ldc: ldc,
                                                   accumulate: accumulate)
        case .avx512:
            KernelsSIMDAVX512.PackedGEMM.multiply(m: m, n: n, k: k, a: a, lda: lda, packed: packed, c: c, ldc: ldc,
                                                  accumulate: accumulate)
        }
    }
}
