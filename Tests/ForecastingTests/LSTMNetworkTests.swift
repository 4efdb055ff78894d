@testable import Forecasting
import Kernels
import Testing

@Suite struct LSTMNetworkTests {
    /// PyTorch's initialisation: each tensor ~ U(−1/√fan_in, 1/√fan_in); with thousands of
    /// draws the extremes come within 2 % of the bound, and the same seed gives the same θ.
    @Test func initialisationFollowsPyTorchBoundsAndSeed() {
        let arch = LSTMArchitecture(inputSize: 8, hiddenSize: 16, layers: 2, bidirectional: true, headHidden: 8, headOutputs: [3, 6])
        var a = SplitMix64(seed: 5), b = SplitMix64(seed: 5)
        let net = LSTMNetwork(architecture: arch, rng: &a)
        #expect(net.parameterValues == LSTMNetwork(architecture: arch, rng: &b).parameterValues)
        let theta = net.parameterValues
        for tensor in net.layout.tensors {
            let bound = Float(1 / Double(tensor.fanIn).squareRoot())
            let values = theta[tensor.offset..<(tensor.offset + tensor.count)]
            #expect(values.allSatisfy { abs($0) <= bound }, "\(tensor.name) leaves ±\(bound)")
            if tensor.count >= 512 {
                #expect(values.max()! > 0.98 * bound && values.min()! < -0.98 * bound, "\(tensor.name) does not fill ±\(bound)")
            }
        }
        // 4H·(I + H + 2) per direction and layer, then two heads.
        let expected = 2 * 64 * (8 + 16 + 2) + 2 * 64 * (32 + 16 + 2) + (8 * 32 + 8 + 3 * 8 + 3) + (8 * 32 + 8 + 6 * 8 + 6)
        #expect(net.layout.count == expected)
    }

    /// An inference workspace reused for the same network and θ keeps its packed weights and
    /// gives the same outputs as a fresh one; after `updateParameters`, `setParameters`, or
    /// with another network it repacks (stale weights would leave the outputs unchanged).
    /// Batches 1 and 200 cover both recurrent product paths, in every build this CPU runs.
    @Test(arguments: InstructionSet.allCases.filter(\.isSupported), [1, 200])
    func reusedInferenceWorkspaceFollowsParameterChanges(build: InstructionSet, batch: Int) {
        let arch = LSTMArchitecture(inputSize: 3, hiddenSize: 16, layers: 2, bidirectional: true, headHidden: 8, headOutputs: [4])
        var rng = SplitMix64(seed: 21)
        let net = LSTMNetwork(architecture: arch, rng: &rng)
        let other = LSTMNetwork(architecture: arch, rng: &rng)
        let x = FloatBuffer((0..<(6 * batch * 3)).map { _ in Float(rng.nextGaussian()) })
        let reused = NetworkWorkspace(architecture: arch, steps: 6, maxBatch: batch, training: false, instructionSet: build)
        var none: SplitMix64? = nil
        func run(_ network: LSTMNetwork, _ ws: NetworkWorkspace) -> [Float] {
            network.forward(input: x.pointer, batch: batch, workspace: ws, dropout: &none)
            return Array(UnsafeBufferPointer(start: ws.output(head: 0), count: batch * 4))
        }
        func fresh(_ network: LSTMNetwork) -> [Float] {
            run(network, NetworkWorkspace(architecture: arch, steps: 6, maxBatch: batch, training: false, instructionSet: build))
        }
        let first = run(net, reused)
        #expect(run(net, reused) == first)
        let recurrent = net.layout.recurrent[1][1].recurrentWeights
        net.updateParameters { theta in for k in 0..<64 { theta[recurrent + k] += 0.5 } }
        let updated = run(net, reused)
        #expect(updated != first)
        #expect(updated == fresh(net))
        var theta = net.parameterValues
        theta[net.layout.recurrent[0][0].inputWeights] -= 1
        net.setParameters(theta)
        #expect(run(net, reused) == fresh(net))
        #expect(run(other, reused) == fresh(other))
        #expect(run(net, reused) == fresh(net))
    }
}
