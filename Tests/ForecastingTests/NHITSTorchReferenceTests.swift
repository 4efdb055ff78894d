@testable import Forecasting
import Foundation
import Testing

/// Forward outputs and parameter gradients of a tiny N-HiTS network with fixed weights
/// against PyTorch (float64), produced once by NHITSReference/make_reference.py (output
/// committed beside it): max pool in ceil mode, linear interpolation of the knots
/// (align_corners=False), backcast residuals, the naive level, MAE + pinball loss.
/// Our network runs in Float32: tolerance 2e-5 absolute on outputs of size ~5 and on
/// gradients of size ~1 (measured worst: 3.0e-7 on outputs, 1.7e-7 on gradients).
@Suite struct NHITSTorchReferenceTests {
    struct Reference: Decodable {
        struct Tensor: Decodable { let name: String; let shape: [Int] }
        let input_steps: Int, horizon_steps: Int, hidden: Int, layers: Int, batch: Int
        let pool_kernel_sizes: [Int], downsample_factors: [Int], quantiles: [Double]
        let tensors: [Tensor]
        let parameters: [Double]
        let input: [Double]
        let outputs: [Double]
        let targets: [Double]
        let loss: Double
        let gradients: [Double]
    }

    static func load() throws -> Reference {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("NHITSReference/nhits_torch_reference.json")
        return try JSONDecoder().decode(Reference.self, from: Data(contentsOf: url))
    }

    static func network(_ r: Reference) throws -> NHITSNetwork {
        let architecture = NHITSArchitecture(inputSteps: r.input_steps, horizonSteps: r.horizon_steps, outputs: 1 + r.quantiles.count,
                                             hiddenSize: r.hidden, hiddenLayers: r.layers, poolKernelSizes: r.pool_kernel_sizes,
                                             downsampleFactors: r.downsample_factors)
        return try NHITSNetwork(architecture: architecture, parameters: r.parameters.map(Float.init))
    }

    @Test func layoutMatchesTorchStateDict() throws {
        let r = try Self.load()
        let layout = try Self.network(r).layout
        #expect(layout.tensors.map(\.name) == r.tensors.map(\.name))
        #expect(layout.tensors.map(\.shape) == r.tensors.map(\.shape))
        #expect(layout.count == r.parameters.count)
    }

    @Test func forwardOutputsMatchTorch() throws {
        let r = try Self.load()
        let net = try Self.network(r)
        let ws = NHITSWorkspace(architecture: net.architecture, maxBatch: r.batch, training: false)
        let x = r.input.map(Float.init)
        x.withUnsafeBufferPointer { net.forward(input: $0.baseAddress!, batch: r.batch, workspace: ws) }
        let got = (0..<r.outputs.count).map { Double(ws.outputs[$0]) }
        let worst = zip(got, r.outputs).map { abs($0 - $1) }.max() ?? .infinity
        print("nhits torch reference: worst |Δŷ| \(worst) over \(got.count) outputs")
        #expect(got.count == r.batch * 3 * r.horizon_steps)
        #expect(worst < 2e-5, "worst |Δ| \(worst); got \(got), torch \(r.outputs)")
    }

    @Test func lossAndGradientsMatchTorch() throws {
        let r = try Self.load()
        let net = try Self.network(r)
        let ws = NHITSWorkspace(architecture: net.architecture, maxBatch: r.batch, training: true)
        let x = r.input.map(Float.init), y = r.targets.map(Float.init)
        x.withUnsafeBufferPointer { net.forward(input: $0.baseAddress!, batch: r.batch, workspace: ws) }
        let loss = y.withUnsafeBufferPointer {
            NHITSLoss.evaluate(outputs: ws.outputs, targets: $0.baseAddress!, batch: r.batch, steps: r.horizon_steps,
                               quantiles: r.quantiles.map(Float.init), gradient: ws.outputGradients)
        }
        #expect(abs(loss - r.loss) < 2e-5 * max(1, abs(r.loss)), "loss \(loss), torch \(r.loss)")
        net.gradients.zero()
        net.backward(batch: r.batch, workspace: ws)
        let got = net.gradients.array.map(Double.init)
        #expect(got.count == r.gradients.count)
        let worst = zip(got, r.gradients).map { abs($0 - $1) }.max() ?? .infinity
        print("nhits torch reference: worst |Δ∂L/∂θ| \(worst) over \(got.count) parameters, loss \(loss) vs \(r.loss)")
        #expect(worst < 2e-5, "worst |Δ| \(worst)")
        // Every tensor receives some gradient (the backcast path reaches blocks 0 and 1).
        for tensor in net.layout.tensors {
            let norm = got[tensor.offset..<(tensor.offset + tensor.count)].map(abs).max() ?? 0
            #expect(norm > 0, "\(tensor.name) has no gradient")
        }
    }
}
