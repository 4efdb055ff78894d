@testable import Forecasting
import Foundation
import Kernels
import Testing

/// Forward outputs and gradients for fixed weights against PyTorch 2.13 (float64),
/// produced once by LSTMReference/make_reference.py (output committed beside it).
/// Our network runs in Float32: tolerance 5e-7 absolute on outputs of size ~0.5 and on
/// gradients (measured: 5.3e-8 and 4.3e-8).
@Suite struct LSTMTorchReferenceTests {
    struct Reference: Decodable {
        struct Tensor: Decodable { let name: String; let shape: [Int] }
        let steps: Int, batch: Int, input_size: Int, hidden: Int, layers: Int, head_hidden: Int
        let head_outputs: [Int]
        let loss_weights: [Float]
        let tensors: [Tensor]
        let parameters: [Double]
        let input_time_major: [Double]
        let outputs: [[Double]]
        let targets: [[Double]]
        let loss: Double
        let gradients: [Double]
    }

    static func load() throws -> Reference {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("LSTMReference/lstm_torch_reference.json")
        return try JSONDecoder().decode(Reference.self, from: Data(contentsOf: url))
    }

    func network(_ r: Reference) throws -> LSTMNetwork {
        let arch = LSTMArchitecture(inputSize: r.input_size, hiddenSize: r.hidden, layers: r.layers, bidirectional: true,
                                    dropout: 0.3, headHidden: r.head_hidden, headDropout: 0.3, headOutputs: r.head_outputs)
        return try LSTMNetwork(architecture: arch, parameters: r.parameters.map(Float.init))
    }

    @Test func layoutMatchesTorchStateDict() throws {
        let r = try Self.load()
        let layout = try network(r).layout
        #expect(layout.tensors.map(\.name) == r.tensors.map(\.name))
        #expect(layout.tensors.map(\.shape) == r.tensors.map(\.shape))
        #expect(layout.count == r.parameters.count)
    }

    /// Both builds of the vector kernels (the Haswell one only where the CPU has it).
    static let builds = InstructionSet.allCases.filter(\.isSupported)

    @Test(arguments: builds) func forwardOutputsMatchTorch(build: InstructionSet) throws {
        let r = try Self.load()
        let net = try network(r)
        let ws = NetworkWorkspace(architecture: net.architecture, steps: r.steps, maxBatch: r.batch, training: false,
                                  instructionSet: build)
        let x = r.input_time_major.map(Float.init)
        var noDropout: SplitMix64? = nil
        x.withUnsafeBufferPointer { net.forward(input: $0.baseAddress!, batch: r.batch, workspace: ws, dropout: &noDropout) }
        for (k, expected) in r.outputs.enumerated() {
            let got = (0..<expected.count).map { Double(ws.output(head: k)[$0]) }
            let worst = zip(got, expected).map { abs($0 - $1) }.max() ?? 0
            print("torch reference: head \(k) worst |Δŷ| \(worst)")
            #expect(worst < 5e-7, "head \(k): worst |Δ| \(worst); got \(got), torch \(expected)")
        }
    }

    /// Also the parallel-directions path on a training workspace gives the same outputs.
    @Test(arguments: builds) func gradientsMatchTorch(build: InstructionSet) throws {
        let r = try Self.load()
        let net = try network(r)
        let ws = NetworkWorkspace(architecture: net.architecture, steps: r.steps, maxBatch: r.batch, training: true,
                                  instructionSet: build)
        let x = r.input_time_major.map(Float.init)
        var noDropout: SplitMix64? = nil
        var loss: Double = 0
        x.withUnsafeBufferPointer { px in
            net.forward(input: px.baseAddress!, batch: r.batch, workspace: ws, dropout: &noDropout)
            for k in r.targets.indices {
                let t = r.targets[k].map(Float.init)
                loss += Double(r.loss_weights[k]) * t.withUnsafeBufferPointer {
                    LSTMLoss.mse.evaluate(predictions: ws.output(head: k), targets: $0.baseAddress!, count: t.count,
                                          weight: r.loss_weights[k], gradient: ws.outputGradient(head: k))
                }
            }
            net.gradients.zero()
            net.backward(input: px.baseAddress!, batch: r.batch, workspace: ws)
        }
        #expect(abs(loss - r.loss) < 1e-6, "loss \(loss) vs torch \(r.loss)")
        let got = net.gradients.array.map(Double.init)
        let worst = zip(got, r.gradients).map { abs($0 - $1) }.max() ?? 0
        print("torch reference: loss \(loss) vs \(r.loss), worst |Δ∂θ| \(worst)")
        #expect(worst < 5e-7, "worst |Δ∂θ| \(worst)")
    }
}
