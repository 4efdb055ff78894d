import Kernels

/// Pointers to one direction's four tensors (weights or their gradients) inside a
/// flat parameter block; see `ParameterLayout`.
struct RecurrentTensors {
    /// W_ih [4H × I]
    let inputWeights: UnsafeMutablePointer<Float>
    /// W_hh [4H × H]
    let recurrentWeights: UnsafeMutablePointer<Float>
    /// b_ih [4H]
    let inputBias: UnsafeMutablePointer<Float>
    /// b_hh [4H]
    let recurrentBias: UnsafeMutablePointer<Float>

    init(_ base: UnsafeMutablePointer<Float>, _ layout: ParameterLayout.Recurrent) {
        inputWeights = base + layout.inputWeights
        recurrentWeights = base + layout.recurrentWeights
        inputBias = base + layout.inputBias
        recurrentBias = base + layout.recurrentBias
    }
}

/// Buffers of one direction of one layer, allocated once for T steps and up to
/// `maxBatch` rows. With `training` the per-step activations are kept for backward;
/// without it c and tanh c are single [B × H] blocks overwritten step by step.
final class DirectionWorkspace: @unchecked Sendable {
    let steps: Int, maxBatch: Int, hidden: Int, inputSize: Int, training: Bool
    /// Activated gates [T × B × 4H] (training; in backward overwritten by da [T × B × 4H]),
    /// or one block of `blockSteps` steps [S × B × 4H] (inference).
    let gates: FloatBuffer
    /// c_t [T × B × H] (training) or [B × H].
    let cell: FloatBuffer
    /// tanh c_t, same shape as `cell`.
    let tanhCell: FloatBuffer
    /// b_ih + b_hh [4H].
    let bias: FloatBuffer
    /// ∂L/∂h_{t} carried from step t+1 through W_hh, and ∂L/∂c_t [B × H] each.
    let dhCarry: FloatBuffer, dcCarry: FloatBuffer
    /// Ones [blockSteps·B] for bias gradients as a matrix–vector product per block.
    let ones: FloatBuffer
    /// W_hhᵀ [H × 4H] packed for `PackedGEMM` (forward: a_t += h_{t−1}·W_hhᵀ), repacked by every forward.
    let packedRecurrent: FloatBuffer
    /// W_hh [4H × H] packed for `PackedGEMM` (backward: ∂L/∂h_{t−1} = da_t·W_hh), repacked by every backward.
    let packedRecurrentBackward: FloatBuffer
    /// W_ihᵀ [I × 4H] packed for the input projection X·W_ihᵀ, and W_ih [4H × I] for ∂X = da·W_ih
    /// (training, layers above the first), when `packedProducts` (else empty).
    let packedInput: FloatBuffer, packedInputBackward: FloatBuffer
    /// Whether every product against a weight goes through `PackedGEMM` (not OpenBLAS): always
    /// for inference, whose forecasts must not depend on the batch (`PackedGEMM` computes each
    /// row the same way whatever the row count; OpenBLAS picks kernels, and with them summation
    /// orders, by shape), and for training where `PackedGEMM.outrunsBLAS`.
    let packedProducts: Bool
    /// The build of the vector kernels to run.
    let instructionSet: InstructionSet
    /// ∂L/∂x of this direction [T × B × I] (training, when the layer is not the first).
    let inputGradient: FloatBuffer

    /// Steps per block: the input projection runs one GEMM per block (and backward the
    /// weight-gradient products), about `trainingBlockRows` or `inferenceBlockRows` / B
    /// steps so that a block's gates stay in cache between the GEMM and the time loop.
    let blockSteps: Int
    /// Rows (steps × batch) of one inference gate block: 256 × 4H floats = 512 KiB at H = 128,
    /// half of a Zen 4 core's L2 (1,000 windows in chunks of 500 on two threads: 1.41–1.49 s
    /// with 1,024 rows, whose 2 MiB blocks spilled to the shared L3; 1.34–1.36 s with 256 or 512).
    static let inferenceBlockRows = 256
    /// Rows of one training block (input projection forward, weight-gradient products
    /// backward): 512 × 4H floats = 1 MiB at H = 128, so a block's gates stay in L2.
    static let trainingBlockRows = 512

    /// `blockRows` (default `trainingBlockRows` or `inferenceBlockRows`) sets the block to
    /// about blockRows / B steps; tests use it to compare block sizes.
    init(
        steps: Int, maxBatch: Int, hidden: Int, inputSize: Int, training: Bool, needsInputGradient: Bool,
        instructionSet: InstructionSet, blockRows: Int? = nil
    ) {
        self.steps = steps; self.maxBatch = maxBatch; self.hidden = hidden
        self.inputSize = inputSize; self.training = training
        let rows = steps * maxBatch
        let block = blockRows ?? (training ? Self.trainingBlockRows : Self.inferenceBlockRows)
        blockSteps = min(steps, max(1, block / maxBatch))
        gates = FloatBuffer(count: (training ? steps : blockSteps) * maxBatch * 4 * hidden)
        cell = FloatBuffer(count: (training ? rows : maxBatch) * hidden)
        tanhCell = FloatBuffer(count: (training ? rows : maxBatch) * hidden)
        bias = FloatBuffer(count: 4 * hidden)
        dhCarry = FloatBuffer(count: training ? maxBatch * hidden : 0)
        dcCarry = FloatBuffer(count: training ? maxBatch * hidden : 0)
        ones = FloatBuffer([Float](repeating: 1, count: training ? blockSteps * maxBatch : 0))
        inputGradient = FloatBuffer(count: training && needsInputGradient ? rows * inputSize : 0)
        packedRecurrent = FloatBuffer(count: PackedGEMM.packedCount(k: hidden, n: 4 * hidden))
        packedRecurrentBackward = FloatBuffer(count: training ? PackedGEMM.packedCount(k: 4 * hidden, n: hidden) : 0)
        packedProducts = !training || PackedGEMM.outrunsBLAS(instructionSet)
        packedInput = FloatBuffer(count: packedProducts ? PackedGEMM.packedCount(k: inputSize, n: 4 * hidden) : 0)
        packedInputBackward = FloatBuffer(
            count: packedProducts && training && needsInputGradient ? PackedGEMM.packedCount(k: 4 * hidden, n: inputSize) : 0)
        self.instructionSet = instructionSet
    }
}

/// One direction of an LSTM layer over a whole sequence (time-major, B rows per step).
///
/// Forward: the input projection A = X·W_ihᵀ ([S·B × I]·[I × 4H] → [S·B × 4H]) runs per block
/// of S = `blockSteps` steps, just before the block's time loop, so the gates are still in
/// cache when the steps read them (training writes each block into its place in the
/// [T × B × 4H] store kept for backward; inference reuses one block buffer). For inference,
/// and for training where `PackedGEMM.outrunsBLAS` (the AVX-512 build), W_ihᵀ is packed once
/// per pass and the projection (and ∂X = da·W_ih) run through `PackedGEMM` too, so an
/// inference forecast is the same bits whatever batch it was computed in. Each step then adds h_{t−1}·W_hhᵀ ([B × H]·[H × 4H])
/// against W_hhᵀ packed once per pass (`PackedGEMM`; BLAS would repack it at every step)
/// and applies `LSTMCellKernel.forward`, which adds b_ih + b_hh before the activations (so the
/// block is never pre-filled with bias rows). The reverse direction walks t = T−1 … 0 with
/// h_{t+1} as its previous state. h_t is written into column block `out` of the layer
/// output (row stride `outStride` = D·H), so the two directions never copy.
///
/// Backward walks the steps in the opposite order, turning the stored gates into
/// da [T × B × 4H] in place and carrying ∂L/∂h through da_t·W_hh (W_hh packed once); after
/// each block of S steps, while its da is in cache, it adds the block's share of the weight
/// gradients: ∂W_ih += daᵀ·X, ∂W_hh += Σ_t da_tᵀ·h_prev(t), ∂b_ih = ∂b_hh += daᵀ·1, and
/// writes ∂X = da·W_ih for the block's rows.
enum LSTMSequence {
    /// From this many rows per step on (large training batches), OpenBLAS's GEMM — whose
    /// packing is then amortised — beats the 8-lane builds' `PackedGEMM` (`bench-lstm
    /// --kernels`: 103 vs 95 GFLOP/s at 500 rows; at 32 rows 81 vs 101). The AVX-512 build beats
    /// it at every size (`PackedGEMM.outrunsBLAS`); inference always takes `PackedGEMM`.
    static let blasRows = 128

    static func forward(
        input x: UnsafePointer<Float>, weights w: RecurrentTensors,
        out: UnsafeMutablePointer<Float>, outStride: Int,
        workspace ws: DirectionWorkspace, batch: Int, reverse: Bool, packWeights: Bool = true
    ) {
        let t0 = ws.steps, h = ws.hidden, b = batch, g4 = 4 * h
        precondition(b <= ws.maxBatch, "batch \(b) exceeds the workspace's \(ws.maxBatch)")
        for k in 0..<g4 { ws.bias[k] = w.inputBias[k] + w.recurrentBias[k] }
        let gates = ws.gates.pointer, bias = ws.bias.pointer
        let packed = ws.packedRecurrent.pointer
        let packedStep = b < Self.blasRows || ws.packedProducts
        // W_hhᵀ is packed whatever the batch, so a later inference call may reuse it
        // (`packWeights` false) even if this one's rows went to OpenBLAS.
        if packWeights {
            PackedGEMM.pack(w.recurrentWeights, ldb: h, k: h, n: g4, transposed: true, into: packed)
            if ws.packedProducts {
                PackedGEMM.pack(w.inputWeights, ldb: ws.inputSize, k: ws.inputSize, n: g4, transposed: true,
                                into: ws.packedInput.pointer)
            }
        }
        let stepCell = ws.training ? b * h : 0
        let span = ws.blockSteps
        var s = 0
        while s < t0 {
            // Block of steps s ..< s + n in walking order; in time they are t = lo ..< lo + n.
            let n = min(span, t0 - s)
            let lo = reverse ? t0 - s - n : s
            let block = ws.training ? gates + lo * b * g4 : gates
            if ws.packedProducts {
                PackedGEMM.multiply(m: n * b, n: g4, k: ws.inputSize, a: x + lo * b * ws.inputSize, lda: ws.inputSize,
                                    packed: ws.packedInput.pointer, c: block, ldc: g4, accumulate: false,
                                    instructionSet: ws.instructionSet)
            } else {
                GEMM.multiply(.none, .transposed, m: n * b, n: g4, k: ws.inputSize,
                              a: x + lo * b * ws.inputSize, lda: ws.inputSize, b: w.inputWeights, ldb: ws.inputSize,
                              beta: 0, c: block, ldc: g4)
            }
            for _ in 0..<n {
                let t = reverse ? t0 - 1 - s : s
                let prev = reverse ? t + 1 : t - 1
                let g = block + (t - lo) * b * g4
                if s > 0 && !packedStep {
                    GEMM.multiply(.none, .transposed, m: b, n: g4, k: h, a: out + prev * b * outStride, lda: outStride,
                                  b: w.recurrentWeights, ldb: h, beta: 1, c: g, ldc: g4)
                } else if s > 0 {
                    PackedGEMM.multiply(m: b, n: g4, k: h, a: out + prev * b * outStride, lda: outStride,
                                        packed: packed, c: g, ldc: g4, accumulate: true,
                                        instructionSet: ws.instructionSet)
                }
                let c = ws.cell.pointer + t * stepCell
                let cPrev: UnsafePointer<Float>? = s == 0 ? nil : UnsafePointer(ws.cell.pointer + prev * stepCell)
                LSTMCellKernel.forward(gates: g, bias: bias, cPrev: cPrev, c: c, tanhC: ws.tanhCell.pointer + t * stepCell,
                                       h: out + t * b * outStride, hStride: outStride, batch: b, hidden: h,
                                       instructionSet: ws.instructionSet)
                s += 1
            }
        }
    }

    /// Accumulates this direction's weight gradients into `grads` and, when the
    /// workspace has room for it, writes ∂L/∂X into `ws.inputGradient`.
    /// `dOut` is ∂L/∂h for every step, column block of row stride `outStride`.
    static func backward(
        input x: UnsafePointer<Float>, weights w: RecurrentTensors, gradients dw: RecurrentTensors,
        out: UnsafePointer<Float>, dOut: UnsafePointer<Float>, outStride: Int,
        workspace ws: DirectionWorkspace, batch: Int, reverse: Bool
    ) {
        precondition(ws.training, "backward needs a training workspace")
        let t0 = ws.steps, h = ws.hidden, b = batch, g4 = 4 * h
        let gates = ws.gates.pointer
        let packed = ws.packedRecurrentBackward.pointer
        PackedGEMM.pack(w.recurrentWeights, ldb: h, k: g4, n: h, transposed: false, into: packed)
        if ws.packedInputBackward.count > 0 {
            PackedGEMM.pack(w.inputWeights, ldb: ws.inputSize, k: g4, n: ws.inputSize, transposed: false,
                            into: ws.packedInputBackward.pointer)
        }
        ws.dcCarry.zero()
        // daᵀ·1 accumulates into the forward's bias scratch (recomputed by every forward).
        let biasGradient = ws.bias.pointer
        biasGradient.update(repeating: 0, count: g4)
        let span = ws.blockSteps
        var s = t0 - 1
        while s >= 0 {
            // Walking steps s, s−1, …, s−n+1; in time they are t = lo ..< lo + n.
            let n = min(span, s + 1)
            let lo = reverse ? t0 - 1 - s : s - n + 1
            for _ in 0..<n {
                let t = reverse ? t0 - 1 - s : s
                let prev = reverse ? t + 1 : t - 1
                let g = gates + t * b * g4
                LSTMCellKernel.backward(
                    gates: g, cPrev: s == 0 ? nil : UnsafePointer(ws.cell.pointer + prev * b * h),
                    tanhC: ws.tanhCell.pointer + t * b * h,
                    dOut: dOut + t * b * outStride, dOutStride: outStride,
                    dhCarry: s == t0 - 1 ? nil : UnsafePointer(ws.dhCarry.pointer),
                    dcCarry: ws.dcCarry.pointer, batch: b, hidden: h, instructionSet: ws.instructionSet)
                if s > 0 {
                    PackedGEMM.multiply(m: b, n: h, k: g4, a: g, lda: g4, packed: packed, c: ws.dhCarry.pointer, ldc: h,
                                        accumulate: false, instructionSet: ws.instructionSet)
                }
                s -= 1
            }
            accumulateBlock(input: x, weights: w, gradients: dw, out: out, outStride: outStride, workspace: ws,
                            batch: b, reverse: reverse, steps: lo ..< lo + n, biasGradient: biasGradient)
        }
        for k in 0..<g4 {
            dw.inputBias[k] += biasGradient[k]
            dw.recurrentBias[k] += biasGradient[k]
        }
    }

    /// The weight-gradient products of the steps `steps` (a block whose da was just computed,
    /// so it is still in cache): ∂W_ih += da_blkᵀ·X_blk, ∂W_hh += Σ da_tᵀ·h_prev(t) over the
    /// block's t that have a previous state, ∂b += da_blkᵀ·1, and ∂X_blk = da_blk·W_ih.
    private static func accumulateBlock(
        input x: UnsafePointer<Float>, weights w: RecurrentTensors, gradients dw: RecurrentTensors,
        out: UnsafePointer<Float>, outStride: Int, workspace ws: DirectionWorkspace, batch b: Int, reverse: Bool,
        steps: Range<Int>, biasGradient: UnsafeMutablePointer<Float>
    ) {
        let t0 = ws.steps, h = ws.hidden, g4 = 4 * h, inputs = ws.inputSize
        let rows = steps.count * b, first = steps.lowerBound
        let da = ws.gates.pointer + first * b * g4
        GEMM.multiply(.transposed, .none, m: g4, n: inputs, k: rows, a: da, lda: g4,
                      b: x + first * b * inputs, ldb: inputs, beta: 1, c: dw.inputWeights, ldc: inputs)
        // Forward: t ≥ 1 against h_{t−1}; reverse: t ≤ T−2 against h_{t+1}.
        let paired = reverse ? steps.clamped(to: 0 ..< t0 - 1) : steps.clamped(to: 1 ..< t0)
        if !paired.isEmpty {
            let hp = out + (paired.lowerBound + (reverse ? 1 : -1)) * b * outStride
            GEMM.multiply(.transposed, .none, m: g4, n: h, k: paired.count * b, a: ws.gates.pointer + paired.lowerBound * b * g4,
                          lda: g4, b: hp, ldb: outStride, beta: 1, c: dw.recurrentWeights, ldc: h)
        }
        GEMM.multiplyVector(.transposed, rows: rows, cols: g4, a: da, lda: g4, x: ws.ones.pointer, beta: 1, y: biasGradient)
        if ws.packedInputBackward.count > 0 {
            PackedGEMM.multiply(m: rows, n: inputs, k: g4, a: da, lda: g4, packed: ws.packedInputBackward.pointer,
                                c: ws.inputGradient.pointer + first * b * inputs, ldc: inputs, accumulate: false,
                                instructionSet: ws.instructionSet)
        } else if ws.inputGradient.count > 0 {
            GEMM.multiply(.none, .none, m: rows, n: inputs, k: g4, a: da, lda: g4,
                          b: w.inputWeights, ldb: inputs, c: ws.inputGradient.pointer + first * b * inputs, ldc: inputs)
        }
    }
}
