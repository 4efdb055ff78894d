import Dispatch
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
    /// θ
    public let parameters: FloatBuffer
    /// ∂L/∂θ, accumulated by `backward`; zero it before each batch.
    public let gradients: FloatBuffer
    public var parallelDirections: Bool

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

    /// Forward pass over `batch` sequences `input` [T × B × F] (time-major). With a
    /// generator, dropout is active (training); with nil, it is the identity.
    public func forward(input: UnsafePointer<Float>, batch: Int, workspace ws: NetworkWorkspace, dropout rng: inout SplitMix64?) {
        let a = architecture, h = a.hiddenSize, width = a.outputWidth, t0 = ws.steps
        precondition(ws.architecture == a && batch <= ws.maxBatch, "workspace does not fit this network and batch \(batch)")
        var x = input
        ws.dropoutApplied = rng != nil && a.dropout > 0 && a.layers > 1
        for l in 0..<a.layers {
            let out = ws.layerOutputs[l].pointer
            let shared = Pointers(input: x, out: out, dOut: out)
            eachDirection { [self] d in
                let (x, out) = (shared.input, shared.out)
                LSTMSequence.forward(
                    input: x, weights: RecurrentTensors(parameters.pointer, layout.recurrent[l][d]),
                    out: out + d * h, outStride: width, workspace: ws.directions[l][d], batch: batch, reverse: d == 1)
            }
            x = UnsafePointer(out)
            if l < a.layers - 1, ws.dropoutApplied {
                let count = t0 * batch * width
                let mask = ws.dropoutMasks[l].pointer, dropped = ws.droppedOutputs[l].pointer
                fillDropoutMask(mask, count: count, probability: Float(a.dropout), rng: &rng)
                for k in 0..<count { dropped[k] = out[k] * mask[k] }
                x = UnsafePointer(dropped)
            }
        }
        // r = [h→_{T−1}; h←_0]
        let last = ws.layerOutputs[a.layers - 1].pointer, r = ws.representation.pointer
        for b in 0..<batch {
            (r + b * width).update(from: last + ((t0 - 1) * batch + b) * width, count: h)
            if a.bidirectional { (r + b * width + h).update(from: last + b * width + h, count: h) }
        }
        for (k, head) in layout.heads.enumerated() {
            Head.forward(representation: r, width: width, weights: HeadTensors(parameters.pointer, head),
                         workspace: ws.heads[k], batch: batch, hidden: a.headHidden, outputs: head.outputs,
                         dropout: Float(a.headDropout), rng: &rng)
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
        let dLast = ws.layerOutputGradients[a.layers - 1]
        dLast.zero()
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
            let below = ws.layerOutputGradients[l - 1].pointer
            let inputRows = count // layer l's input width equals D·H for l > 0
            below.update(from: ws.directions[l][0].inputGradient.pointer, count: inputRows)
            if a.bidirectional {
                let other = ws.directions[l][1].inputGradient.pointer
                for k in 0..<inputRows { below[k] += other[k] }
            }
            if dropped {
                let mask = ws.dropoutMasks[l - 1].pointer
                for k in 0..<inputRows { below[k] *= mask[k] }
            }
        }
    }

    private func eachDirection(_ body: @Sendable (Int) -> Void) {
        if architecture.bidirectional && parallelDirections {
            DispatchQueue.concurrentPerform(iterations: 2, execute: body)
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
