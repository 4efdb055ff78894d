import Kernels

/// The whole network over one flat parameter vector θ and its gradient ∂L/∂θ
/// (layout in `ParameterLayout`):
///
///     X [T × B × F] → LSTM layer 0 → dropout → … → layer L−1 → r [B × D·H] → heads → ŷ_k [B × n_k]
///
/// With `parallelDirections`, the forward and backward directions of each layer run on
/// two threads (OpenBLAS itself single-threaded); they touch disjoint buffers, so
/// results do not depend on scheduling.
public final class LSTMNetwork: @unchecked Sendable {
    public let architecture: LSTMArchitecture
    public let layout: ParameterLayout
    /// θ. Read it through `parameterValues`; change it only through `updateParameters` or
    /// `setParameters`, which advance `parameterGeneration` (inference workspaces keep packed
    /// copies of the weights while it is unchanged).
    let parameters: FloatBuffer
    /// Advanced by every change of θ through `updateParameters` / `setParameters`.
    public private(set) var parameterGeneration = 0
    /// ∂L/∂θ, accumulated by `backward`; zero it before each batch.
    public let gradients: FloatBuffer
    public var parallelDirections: Bool
    /// The second thread for `parallelDirections` (started on first use).
    private let worker = PairedWorker()

    /// PyTorch's initialisation from `rng`: every LSTM tensor ~ U(−1/√H, 1/√H), each
    /// Linear weight and bias ~ U(−1/√fan_in, 1/√fan_in), drawn in layout order.
    public init(architecture: LSTMArchitecture, rng: inout SplitMix64, parallelDirections: Bool = true) {
        self.architecture = architecture
        layout = ParameterLayout(architecture)
        parameters = FloatBuffer(count: layout.count)
        gradients = FloatBuffer(count: layout.count)
        self.parallelDirections = parallelDirections
        for tensor in layout.tensors {
            let bound = 1 / Double(tensor.fanIn).squareRoot()
            for k in tensor.offset..<(tensor.offset + tensor.count) {
                parameters[k] = Float((2 * rng.nextUnit() - 1) * bound)
            }
        }
    }

    /// A network with the given θ (for example loaded from an artifact).
    public init(architecture: LSTMArchitecture, parameters values: [Float], parallelDirections: Bool = true) throws(LSTMError) {
        self.architecture = architecture
        layout = ParameterLayout(architecture)
        guard values.count == layout.count else { throw .parameterCountMismatch(expected: layout.count, got: values.count) }
        parameters = FloatBuffer(values)
        gradients = FloatBuffer(count: layout.count)
        self.parallelDirections = parallelDirections
    }

    /// A copy of θ.
    public var parameterValues: [Float] { parameters.array }

    /// Runs `body` on θ to change it in place (an optimiser step).
    public func updateParameters<R>(_ body: (UnsafeMutableBufferPointer<Float>) throws -> R) rethrows -> R {
        parameterGeneration += 1
        return try body(parameters.buffer)
    }

    /// Replaces θ (for example with the best epoch's weights).
    public func setParameters(_ values: [Float]) {
        precondition(values.count == layout.count, "θ has \(layout.count) values, got \(values.count)")
        parameterGeneration += 1
        parameters.copy(from: values)
    }

    /// Forward pass over `batch` sequences `input` [T × B × F] (time-major). With a
    /// generator, dropout is active (training); with nil, it is the identity.
    public func forward(input: UnsafePointer<Float>, batch: Int, workspace ws: NetworkWorkspace, dropout rng: inout SplitMix64?) {
        let a = architecture, h = a.hiddenSize, width = a.outputWidth, t0 = ws.steps
        precondition(ws.architecture == a && batch <= ws.maxBatch, "workspace does not fit this network and batch \(batch)")
        var x = input
        ws.dropoutApplied = rng != nil && a.dropout > 0 && a.layers > 1
        // An inference workspace that last ran this network at this θ still holds its packed weights.
        let packWeights = ws.training || ws.packedWeightsSource.map { $0.network !== self || $0.generation != parameterGeneration } ?? true
        for l in 0..<a.layers {
            let out = ws.layerOutputs[l].pointer
            let shared = Pointers(input: x, out: out, dOut: out)
            eachDirection { [self] d in
                let (x, out) = (shared.input, shared.out)
                LSTMSequence.forward(
                    input: x, weights: RecurrentTensors(parameters.pointer, layout.recurrent[l][d]),
                    out: out + d * h, outStride: width, workspace: ws.directions[l][d], batch: batch, reverse: d == 1,
                    packWeights: packWeights)
            }
            x = UnsafePointer(out)
            if l < a.layers - 1, ws.dropoutApplied {
                let count = t0 * batch * width
                let mask = ws.dropoutMasks[l].pointer, dropped = ws.droppedOutputs[l].pointer
                // Two halves, each with its own generator split off in order, so the mask is
                // the same whether the halves run on one thread or two.
                var generator = rng
                let halves = [generator?.split(), generator?.split()]
                rng = generator
                let shared = DropoutPointers(out: out, mask: mask, dropped: dropped)
                let probability = Float(a.dropout)
                eachHalf { [shared] half in
                    let range = half == 0 ? 0 ..< count / 2 : count / 2 ..< count
                    var own = halves[half]
                    fillDropoutMask(shared.mask + range.lowerBound, count: range.count, probability: probability, rng: &own)
                    for k in range { shared.dropped[k] = shared.out[k] * shared.mask[k] }
                }
                x = UnsafePointer(dropped)
            }
        }
        if !ws.training { ws.packedWeightsSource = (self, parameterGeneration) }
        // r = [h→_{T−1}; h←_0]
        let last = ws.layerOutputs[a.layers - 1].pointer, r = ws.representation.pointer
        for b in 0..<batch {
            (r + b * width).update(from: last + ((t0 - 1) * batch + b) * width, count: h)
            if a.bidirectional { (r + b * width + h).update(from: last + b * width + h, count: h) }
        }
        for (k, head) in layout.heads.enumerated() {
            Head.forward(representation: r, width: width, weights: HeadTensors(parameters.pointer, head),
                         workspace: ws.heads[k], batch: batch, hidden: a.headHidden, outputs: head.outputs,
                         dropout: Float(a.headDropout), rng: &rng, packWeights: packWeights)
        }
    }

    /// Backward pass after `forward` on the same workspace and batch: reads ∂L/∂ŷ_k from
    /// `ws.outputGradient(head:)` and adds ∂L/∂θ into `gradients`.
    public func backward(input: UnsafePointer<Float>, batch: Int, workspace ws: NetworkWorkspace) {
        let a = architecture, h = a.hiddenSize, width = a.outputWidth, t0 = ws.steps
        precondition(ws.training, "backward needs a training workspace")
        let r = ws.representation.pointer, dr = ws.representationGradient.pointer
        for (k, head) in layout.heads.enumerated() {
            Head.backward(representation: r, width: width, weights: HeadTensors(parameters.pointer, head),
                          gradients: HeadTensors(gradients.pointer, head), workspace: ws.heads[k], batch: batch,
                          hidden: a.headHidden, outputs: head.outputs, representationGradient: dr, accumulate: k > 0)
        }
        // ∂L/∂h of the last layer is zero except at the rows r reads (t = T−1 forward,
        // t = 0 backward), which are overwritten below; zero the whole buffer only when the
        // batch size, and with it those rows' places, changed since the last backward.
        let dLast = ws.layerOutputGradients[a.layers - 1]
        if ws.lastLayerGradientBatch != batch {
            dLast.zero()
            ws.lastLayerGradientBatch = batch
        }
        for b in 0..<batch {
            (dLast.pointer + ((t0 - 1) * batch + b) * width).update(from: dr + b * width, count: h)
            if a.bidirectional { (dLast.pointer + b * width + h).update(from: dr + b * width + h, count: h) }
        }
        let count = t0 * batch * width
        for l in stride(from: a.layers - 1, through: 0, by: -1) {
            let dropped = l > 0 && ws.dropoutApplied
            let x = l == 0 ? input : UnsafePointer(dropped ? ws.droppedOutputs[l - 1].pointer : ws.layerOutputs[l - 1].pointer)
            let shared = Pointers(input: x, out: ws.layerOutputs[l].pointer, dOut: ws.layerOutputGradients[l].pointer)
            eachDirection { [self] d in
                let (x, out, dOut) = (shared.input, shared.out, shared.dOut)
                LSTMSequence.backward(
                    input: x, weights: RecurrentTensors(parameters.pointer, layout.recurrent[l][d]),
                    gradients: RecurrentTensors(gradients.pointer, layout.recurrent[l][d]),
                    out: out + d * h, dOut: dOut + d * h, outStride: width,
                    workspace: ws.directions[l][d], batch: batch, reverse: d == 1)
            }
            guard l > 0 else { break }
            // ∂L/∂h_{l−1} = Σ_d ∂L/∂x_d (⊙ dropout mask)
            let inputRows = count // layer l's input width equals D·H for l > 0
            let parts = GradientPointers(
                below: ws.layerOutputGradients[l - 1].pointer, first: ws.directions[l][0].inputGradient.pointer,
                second: a.bidirectional ? ws.directions[l][1].inputGradient.pointer : nil,
                mask: dropped ? ws.dropoutMasks[l - 1].pointer : nil)
            eachHalf { half in
                let range = half == 0 ? 0 ..< inputRows / 2 : inputRows / 2 ..< inputRows
                switch (parts.second, parts.mask) {
                case let (second?, mask?): for k in range { parts.below[k] = (parts.first[k] + second[k]) * mask[k] }
                case let (second?, nil): for k in range { parts.below[k] = parts.first[k] + second[k] }
                case let (nil, mask?): for k in range { parts.below[k] = parts.first[k] * mask[k] }
                case (nil, nil): (parts.below + range.lowerBound).update(from: parts.first + range.lowerBound, count: range.count)
                }
            }
        }
    }

    /// Runs `body(0)` and `body(1)` (two halves of an element-wise pass) on two threads
    /// when `parallelDirections`, else in turn.
    private func eachHalf(_ body: @Sendable (Int) -> Void) {
        if parallelDirections {
            worker.run(body)
        } else {
            body(0)
            body(1)
        }
    }

    private func eachDirection(_ body: @Sendable (Int) -> Void) {
        if architecture.bidirectional && parallelDirections {
            worker.run(body)
        } else {
            for d in 0..<architecture.directions { body(d) }
        }
    }
}

/// Buffer pointers handed to the two direction threads, which write disjoint column
/// blocks (see `LSTMNetwork.eachDirection`).
private struct Pointers: @unchecked Sendable {
    let input: UnsafePointer<Float>
    let out: UnsafeMutablePointer<Float>
    let dOut: UnsafeMutablePointer<Float>
}

/// Output, mask and dropped-output pointers of one inter-layer dropout, for the two halves.
private struct DropoutPointers: @unchecked Sendable {
    let out: UnsafeMutablePointer<Float>
    let mask: UnsafeMutablePointer<Float>
    let dropped: UnsafeMutablePointer<Float>
}

/// ∂L/∂(layer input) and its parts: the directions' ∂X and the dropout mask (nil: none).
private struct GradientPointers: @unchecked Sendable {
    let below: UnsafeMutablePointer<Float>
    let first: UnsafeMutablePointer<Float>
    let second: UnsafeMutablePointer<Float>?
    let mask: UnsafeMutablePointer<Float>?
}
