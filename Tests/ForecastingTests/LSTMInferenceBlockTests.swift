@testable import Forecasting
import Kernels
import Testing

@Suite struct LSTMInferenceBlockTests {
    /// The inference workspace computes the input projection per block of
    /// ⌊1024 / B⌋ steps (here 3, 3, 3, 1 for T = 10, B = 300, so the last block is
    /// short and the reverse direction walks blocks backwards); its head outputs must
    /// match the training workspace, which projects all T steps in one GEMM.
    @Test func blockedInferenceMatchesTheWholeSequenceForward() throws {
        let arch = LSTMArchitecture(inputSize: 3, hiddenSize: 16, layers: 2, bidirectional: true, headHidden: 8, headOutputs: [2, 5])
        var rng = SplitMix64(seed: 11)
        let net = LSTMNetwork(architecture: arch, rng: &rng)
        let (steps, batch) = (10, 300)
        let x = FloatBuffer((0..<(steps * batch * 3)).map { _ in Float(rng.nextGaussian()) })
        let blocked = NetworkWorkspace(architecture: arch, steps: steps, maxBatch: batch, training: false)
        let whole = NetworkWorkspace(architecture: arch, steps: steps, maxBatch: batch, training: true)
        #expect(blocked.directions[0][0].blockSteps == 3)
        #expect(whole.directions[0][0].blockSteps == steps)
        var none: SplitMix64? = nil
        net.forward(input: x.pointer, batch: batch, workspace: blocked, dropout: &none)
        net.forward(input: x.pointer, batch: batch, workspace: whole, dropout: &none)
        var worst: Float = 0
        for (k, n) in arch.headOutputs.enumerated() {
            for i in 0..<(batch * n) {
                worst = max(worst, abs(blocked.output(head: k)[i] - whole.output(head: k)[i]))
            }
        }
        #expect(worst <= 1e-6, "blocked and whole-sequence forward differ by \(worst)")
    }
}
