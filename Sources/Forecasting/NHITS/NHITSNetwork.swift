import Kernels

/// The N-HiTS network over one flat parameter vector θ (layout `NHITSParameterLayout`)
/// and its gradient ∂L/∂θ. For a batch of B scaled windows x [B × L] (most recent value
/// first, x_{n,0} = s_t):
///
///     ŷ ← x_{·,0} in every output and step          (the naive level, as neuralforecast)
///     r ← x
///     for each block b:
///         p = maxpool_{k_b}(r)                         [B × P_b]
///         a_1 = ReLU(p·W_1ᵀ + c_1), a_i = ReLU(a_{i−1}·W_iᵀ + c_i)   [B × H]
///         θ = a_last·W_oᵀ + c_o                        [B × T_b]
///         r ← r − θ[:, :L]                             (backcast removed for the next block)
///         ŷ[:, o, :] += θ[:, L + o·n_b ..< L + (o+1)·n_b] · M_b   (M_b [n_b × h], linear interpolation)
///
/// `backward` runs the chain rule in reverse with the same GEMMs (OpenBLAS sgemm,
/// single-threaded), accumulating into `gradients`.
public final class NHITSNetwork: @unchecked Sendable {
    public let architecture: NHITSArchitecture
    public let layout: NHITSParameterLayout
    let parameters: FloatBuffer
    /// ∂L/∂θ, accumulated by `backward`; zero it before each batch.
    public let gradients: FloatBuffer
    let interpolation: [[Float]]

    /// PyTorch's Linear initialisation from `rng`: every weight and bias
    /// ~ U(−1/√fan_in, 1/√fan_in), drawn in layout order.
    public init(architecture: NHITSArchitecture, rng: inout SplitMix64) {
        self.architecture = architecture
        layout = NHITSParameterLayout(architecture)
        parameters = FloatBuffer(count: layout.count)
        gradients = FloatBuffer(count: layout.count)
        interpolation = (0..<architecture.blocks).map {
            NHITSArchitecture.interpolation(knots: architecture.knots($0), steps: architecture.horizonSteps)
        }
        for tensor in layout.tensors {
            let bound = 1 / Double(tensor.fanIn).squareRoot()
            for k in tensor.offset..<(tensor.offset + tensor.count) {
                parameters[k] = Float((2 * rng.nextUnit() - 1) * bound)
            }
        }
    }

    /// A network with the given θ (from an artifact or a reference).
    public convenience init(architecture: NHITSArchitecture, parameters values: [Float]) throws(NHITSError) {
        var unused = SplitMix64(seed: 0)
        self.init(architecture: architecture, rng: &unused)
        guard values.count == layout.count else {
            throw .artifactMismatch(field: "parameters", expected: "\(layout.count) values", got: "\(values.count)")
        }
        parameters.copy(from: values)
    }

    public var parameterValues: [Float] { parameters.array }

    public func setParameters(_ values: [Float]) { parameters.copy(from: values) }

    /// Runs `body` on θ (the optimiser's step).
    public func updateParameters(_ body: (UnsafeMutableBufferPointer<Float>) -> Void) { body(parameters.buffer) }

    /// ŷ [B × O × h] into `workspace.outputs` for the windows `x` [B × L].
    public func forward(input x: UnsafePointer<Float>, batch B: Int, workspace ws: NHITSWorkspace) {
        precondition(B <= ws.maxBatch, "batch \(B) larger than the workspace's \(ws.maxBatch)")
        let a = architecture, L = a.inputSteps, h = a.horizonSteps, O = a.outputs, H = a.hiddenSize
        let y = ws.output.pointer, r = ws.residual.pointer, w = parameters.pointer
        for n in 0..<B {
            let level = x[n * L]
            (y + n * O * h).update(repeating: level, count: O * h)
        }
        r.update(from: x, count: B * L)
        for b in 0..<a.blocks {
            let P = a.pooledLength(b), T = a.thetaSize(b), knots = a.knots(b), k = a.poolKernelSizes[b]
            let offsets = layout.blocks[b]
            let pooled = ws.pooled[b].pointer, index = ws.argmax[b]
            for n in 0..<B {
                for j in 0..<P {
                    let start = n * L + j * k, end = n * L + min((j + 1) * k, L)
                    var best = start
                    for i in (start + 1)..<max(end, start + 1) where r[i] > r[best] { best = i }
                    pooled[n * P + j] = r[best]
                    index[n * P + j] = Int32(best - n * L)
                }
            }
            var input = UnsafePointer(pooled), width = P
            for i in 0..<a.hiddenLayers {
                let out = ws.hidden[b][i].pointer
                Self.linear(input, batch: B, inputs: width, outputs: H, weight: w + offsets.weights[i], bias: w + offsets.biases[i], into: out)
                for e in 0..<(B * H) where out[e] < 0 { out[e] = 0 }
                input = UnsafePointer(out)
                width = H
            }
            let theta = ws.theta[b].pointer
            Self.linear(input, batch: B, inputs: H, outputs: T, weight: w + offsets.outputWeight, bias: w + offsets.outputBias, into: theta)
            let m = interpolation[b]
            for n in 0..<B {
                let row = theta + n * T
                for i in 0..<L { r[n * L + i] -= row[i] }
                for o in 0..<O {
                    let knotRow = row + L + o * knots, out = y + (n * O + o) * h
                    for j in 0..<knots {
                        let value = knotRow[j]
                        for s in 0..<h { out[s] += value * m[j * h + s] }
                    }
                }
            }
        }
    }

    /// Accumulates ∂L/∂θ into `gradients` from ∂L/∂ŷ in `workspace.outputGradients`, after
    /// `forward` on the same `x` and `workspace`.
    public func backward(batch B: Int, workspace ws: NHITSWorkspace) {
        let a = architecture, L = a.inputSteps, h = a.horizonSteps, O = a.outputs, H = a.hiddenSize
        let w = parameters.pointer, g = gradients.pointer
        let dy = ws.outputGradient.pointer, dr = ws.dResidual.pointer, dTheta = ws.dTheta.pointer
        // ∂L/∂r after the last block is zero: the last residual is not used.
        dr.update(repeating: 0, count: B * L)
        for b in stride(from: a.blocks - 1, through: 0, by: -1) {
            let P = a.pooledLength(b), T = a.thetaSize(b), knots = a.knots(b)
            let offsets = layout.blocks[b], m = interpolation[b]
            for n in 0..<B {
                let row = dTheta + n * T
                for i in 0..<L { row[i] = -dr[n * L + i] }
                for o in 0..<O {
                    let gradOut = dy + (n * O + o) * h
                    for j in 0..<knots {
                        var sum: Float = 0
                        for s in 0..<h { sum += gradOut[s] * m[j * h + s] }
                        row[L + o * knots + j] = sum
                    }
                }
            }
            let last = UnsafePointer(ws.hidden[b][a.hiddenLayers - 1].pointer)
            // Output layer: ∂W_o += dθᵀ·a_last, ∂c_o += Σ_n dθ, ∂a_last = dθ·W_o.
            GEMM.multiply(.transposed, .none, m: T, n: H, k: B, a: dTheta, lda: T, b: last, ldb: H, beta: 1,
                          c: g + offsets.outputWeight, ldc: H)
            Self.addColumnSums(dTheta, rows: B, columns: T, into: g + offsets.outputBias)
            var dHidden = ws.dHidden.0.pointer, spare = ws.dHidden.1.pointer
            GEMM.multiply(.none, .none, m: B, n: H, k: T, a: dTheta, lda: T, b: w + offsets.outputWeight, ldb: H,
                          c: dHidden, ldc: H)
            for i in stride(from: a.hiddenLayers - 1, through: 0, by: -1) {
                let activation = ws.hidden[b][i].pointer
                for e in 0..<(B * H) where activation[e] <= 0 { dHidden[e] = 0 }
                let input = i == 0 ? UnsafePointer(ws.pooled[b].pointer) : UnsafePointer(ws.hidden[b][i - 1].pointer)
                let width = i == 0 ? P : H
                GEMM.multiply(.transposed, .none, m: H, n: width, k: B, a: dHidden, lda: H, b: input, ldb: width, beta: 1,
                              c: g + offsets.weights[i], ldc: width)
                Self.addColumnSums(dHidden, rows: B, columns: H, into: g + offsets.biases[i])
                let target = i == 0 ? ws.dPooled.pointer : spare
                GEMM.multiply(.none, .none, m: B, n: width, k: H, a: dHidden, lda: H, b: w + offsets.weights[i], ldb: width,
                              c: target, ldc: width)
                if i > 0 { swap(&dHidden, &spare) }
            }
            // The block's input r_b reaches r_{b+1} unchanged and the pool through its argmax.
            let dPooled = ws.dPooled.pointer, index = ws.argmax[b]
            for n in 0..<B {
                for j in 0..<P { dr[n * L + Int(index[n * P + j])] += dPooled[n * P + j] }
            }
        }
    }

    /// out [B × outputs] = x [B × inputs] · Wᵀ + c, W [outputs × inputs].
    static func linear(_ x: UnsafePointer<Float>, batch: Int, inputs: Int, outputs: Int,
                       weight: UnsafePointer<Float>, bias: UnsafePointer<Float>, into out: UnsafeMutablePointer<Float>) {
        for n in 0..<batch { (out + n * outputs).update(from: bias, count: outputs) }
        GEMM.multiply(.none, .transposed, m: batch, n: outputs, k: inputs, a: x, lda: inputs, b: weight, ldb: inputs,
                      beta: 1, c: out, ldc: outputs)
    }

    /// sums[j] += Σ_n m[n, j] for m [rows × columns].
    static func addColumnSums(_ m: UnsafePointer<Float>, rows: Int, columns: Int, into sums: UnsafeMutablePointer<Float>) {
        for n in 0..<rows {
            let row = m + n * columns
            for j in 0..<columns { sums[j] += row[j] }
        }
    }
}
