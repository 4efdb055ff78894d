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
        #expect(net.parameters.array == LSTMNetwork(architecture: arch, rng: &b).parameters.array)
        let theta = net.parameters.array
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
}
