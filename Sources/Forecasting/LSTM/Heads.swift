import Kernels

/// Pointers to one head's tensors (weights or gradients) in a flat parameter block.
struct HeadTensors {
    /// W₁ [P × D·H], b₁ [P], W₂ [n × P], b₂ [n]
    let w1: UnsafeMutablePointer<Float>, b1: UnsafeMutablePointer<Float>
    let w2: UnsafeMutablePointer<Float>, b2: UnsafeMutablePointer<Float>

    init(_ base: UnsafeMutablePointer<Float>, _ layout: ParameterLayout.Head) {
        w1 = base + layout.hiddenWeights; b1 = base + layout.hiddenBias
        w2 = base + layout.outputWeights; b2 = base + layout.outputBias
    }
}

/// Buffers of one head for up to `maxBatch` rows.
final class HeadWorkspace: @unchecked Sendable {
    /// z = r·W₁ᵀ + b₁ [B × P], a = ReLU(z) ⊙ m [B × P], mask m [B × P] (0 or 1/(1−p)),
    /// y = a·W₂ᵀ + b₂ [B × n], ∂L/∂y [B × n], scratch ∂L/∂z [B × P].
    let preActivation, activation, mask, output, outputGradient, hiddenGradient: FloatBuffer
    /// Inference: W₁ᵀ [R × P] and W₂ᵀ [P × n] packed for `PackedGEMM`, so each row's output is
    /// the same bits whatever the batch (see `DirectionWorkspace.packedProducts`); nil when training.
    let packed: (hidden: FloatBuffer, output: FloatBuffer)?
    /// The build of the vector kernels the packed products run.
    let instructionSet: InstructionSet

    init(maxBatch: Int, width: Int, hidden: Int, outputs: Int, training: Bool, instructionSet: InstructionSet) {
        preActivation = FloatBuffer(count: maxBatch * hidden)
        activation = FloatBuffer(count: maxBatch * hidden)
        mask = FloatBuffer(count: maxBatch * hidden)
        output = FloatBuffer(count: maxBatch * outputs)
        outputGradient = FloatBuffer(count: maxBatch * outputs)
        hiddenGradient = FloatBuffer(count: maxBatch * hidden)
        packed = training ? nil : (FloatBuffer(count: PackedGEMM.packedCount(k: width, n: hidden)),
                                   FloatBuffer(count: PackedGEMM.packedCount(k: hidden, n: outputs)))
        self.instructionSet = instructionSet
    }

    /// C [B × n] = A [B × k] · Wᵀ with W [n × k]: through `packedW` (packed from W first when
    /// `pack`) on an inference workspace, else through OpenBLAS.
    func product(_ a: UnsafePointer<Float>, _ w: UnsafePointer<Float>, packedW: FloatBuffer?, pack: Bool,
                 batch: Int, n: Int, k: Int, into c: UnsafeMutablePointer<Float>) {
        guard let packedW else {
            GEMM.multiply(.none, .transposed, m: batch, n: n, k: k, a: a, lda: k, b: w, ldb: k, c: c, ldc: n)
            return
        }
        if pack { PackedGEMM.pack(w, ldb: k, k: k, n: n, transposed: true, into: packedW.pointer) }
        PackedGEMM.multiply(m: batch, n: n, k: k, a: a, lda: k, packed: packedW.pointer, c: c, ldc: n,
                            accumulate: false, instructionSet: instructionSet)
    }
}

/// One forecast head: y = (ReLU(r·W₁ᵀ + b₁) ⊙ m)·W₂ᵀ + b₂, r [B × R], y [B × n].
/// Dropout mask m has entries 0 (probability p) or 1/(1−p) while training, 1 otherwise.
enum Head {
    /// `packWeights`: an inference workspace packs W₁ and W₂ first (false: they are packed
    /// already from the same θ).
    static func forward(
        representation r: UnsafePointer<Float>, width: Int, weights w: HeadTensors,
        workspace ws: HeadWorkspace, batch: Int, hidden p: Int, outputs n: Int,
        dropout: Float, rng: inout SplitMix64?, packWeights: Bool
    ) {
        let z = ws.preActivation.pointer, a = ws.activation.pointer, m = ws.mask.pointer
        ws.product(r, w.w1, packedW: ws.packed?.hidden, pack: packWeights, batch: batch, n: p, k: width, into: z)
        fillDropoutMask(m, count: batch * p, probability: dropout, rng: &rng)
        for row in 0..<batch {
            for j in 0..<p {
                let v = z[row * p + j] + w.b1[j]
                z[row * p + j] = v
                a[row * p + j] = max(v, 0) * m[row * p + j]
            }
        }
        let y = ws.output.pointer
        ws.product(a, w.w2, packedW: ws.packed?.output, pack: packWeights, batch: batch, n: n, k: p, into: y)
        for row in 0..<batch { for j in 0..<n { y[row * n + j] += w.b2[j] } }
    }

    /// Accumulates ∂W₁, ∂b₁, ∂W₂, ∂b₂ from `ws.outputGradient` and adds ∂L/∂r into
    /// `representationGradient` [B × R] (β = `accumulate ? 1 : 0`).
    static func backward(
        representation r: UnsafePointer<Float>, width: Int, weights w: HeadTensors, gradients dw: HeadTensors,
        workspace ws: HeadWorkspace, batch: Int, hidden p: Int, outputs n: Int,
        representationGradient dr: UnsafeMutablePointer<Float>, accumulate: Bool
    ) {
        let dy = ws.outputGradient.pointer, dz = ws.hiddenGradient.pointer
        GEMM.multiply(.transposed, .none, m: n, n: p, k: batch, a: dy, lda: n, b: ws.activation.pointer, ldb: p,
                      beta: 1, c: dw.w2, ldc: p)
        for row in 0..<batch { for j in 0..<n { dw.b2[j] += dy[row * n + j] } }
        GEMM.multiply(.none, .none, m: batch, n: p, k: n, a: dy, lda: n, b: w.w2, ldb: p, c: dz, ldc: p)
        let z = ws.preActivation.pointer, m = ws.mask.pointer
        for k in 0..<(batch * p) { dz[k] = z[k] > 0 ? dz[k] * m[k] : 0 }
        GEMM.multiply(.transposed, .none, m: p, n: width, k: batch, a: dz, lda: p, b: r, ldb: width,
                      beta: 1, c: dw.w1, ldc: width)
        for row in 0..<batch { for j in 0..<p { dw.b1[j] += dz[row * p + j] } }
        GEMM.multiply(.none, .none, m: batch, n: width, k: p, a: dz, lda: p, b: w.w1, ldb: width,
                      beta: accumulate ? 1 : 0, c: dr, ldc: width)
    }
}

/// Inverted-dropout mask: each entry 0 with probability p, else 1/(1−p), drawn from
/// `rng`; all ones when `rng` is nil (inference) or p = 0.
///
/// Each 64-bit draw gives four entries: its 16-bit quarters u (lowest first) drop an entry
/// when u < round(p·2¹⁶), so p is realised to within 2⁻¹⁷ (0.3 → 0.300003).
func fillDropoutMask(_ mask: UnsafeMutablePointer<Float>, count: Int, probability p: Float, rng: inout SplitMix64?) {
    guard p > 0, var generator = rng else {
        mask.update(repeating: 1, count: count)
        return
    }
    let keep = 1 / (1 - p), threshold = UInt64((Double(p) * 65_536).rounded())
    // Whole draws without branches: u < t exactly when u − t wraps (both below 2¹⁶), which
    // sets bit 31; that bit turns into an all-zero or all-one mask over 1/(1−p)'s bits.
    let keepBits = SIMD4<UInt32>(repeating: keep.bitPattern), t = SIMD4<UInt32>(repeating: UInt32(threshold))
    var k = 0
    while k + 4 <= count {
        let bits = generator.next()
        let quarters = SIMD4<UInt32>(
            UInt32(truncatingIfNeeded: bits) & 0xFFFF, UInt32(truncatingIfNeeded: bits >> 16) & 0xFFFF,
            UInt32(truncatingIfNeeded: bits >> 32) & 0xFFFF, UInt32(truncatingIfNeeded: bits >> 48))
        let kept = ((quarters &- t) &>> 31) &- 1
        UnsafeMutableRawPointer(mask + k).storeBytes(of: keepBits & kept, as: SIMD4<UInt32>.self)
        k += 4
    }
    while k < count {
        var bits = generator.next()
        for j in k..<min(k + 4, count) {
            mask[j] = bits & 0xFFFF < threshold ? 0 : keep
            bits >>= 16
        }
        k += 4
    }
    rng = generator
}
