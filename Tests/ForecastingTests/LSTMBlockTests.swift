@testable import Forecasting
import Kernels
import Testing

/// The input projection (forward) and the weight-gradient products (backward) run per
/// block of ⌊blockRows / B⌋ steps; the block size must not change the results beyond
/// Float32 summation order.
@Suite struct LSTMBlockTests {
    static let arch = LSTMArchitecture(inputSize: 3, hiddenSize: 16, layers: 2, bidirectional: true,
                                       headHidden: 8, headOutputs: [2, 5])

    /// Inference blocks of 3 steps (T = 10, B = 300: blocks 3, 3, 3, 1, so the last block is
    /// short and the reverse direction walks blocks backwards) against one block of all T.
    @Test func blockedInferenceMatchesTheWholeSequenceForward() throws {
        var rng = SplitMix64(seed: 11)
        let net = LSTMNetwork(architecture: Self.arch, rng: &rng)
        let (steps, batch) = (10, 300)
        let x = FloatBuffer((0..<(steps * batch * 3)).map { _ in Float(rng.nextGaussian()) })
        let blocked = NetworkWorkspace(architecture: Self.arch, steps: steps, maxBatch: batch, training: false,
                                       instructionSet: .detected, blockRows: 900)
        let whole = NetworkWorkspace(architecture: Self.arch, steps: steps, maxBatch: batch, training: false,
                                     instructionSet: .detected, blockRows: .max)
        #expect(blocked.directions[0][0].blockSteps == 3)
        #expect(whole.directions[0][0].blockSteps == steps)
        var none: SplitMix64? = nil
        net.forward(input: x.pointer, batch: batch, workspace: blocked, dropout: &none)
        net.forward(input: x.pointer, batch: batch, workspace: whole, dropout: &none)
        var worst: Float = 0
        for (k, n) in Self.arch.headOutputs.enumerated() {
            for i in 0..<(batch * n) {
                worst = max(worst, abs(blocked.output(head: k)[i] - whole.output(head: k)[i]))
            }
        }
        #expect(worst <= 1e-6, "blocked and whole-sequence forward differ by \(worst)")
    }

    /// Training blocks of 2 steps (T = 7: blocks 2, 2, 2, 1) against one block: same outputs
    /// and the same gradient ∂L/∂θ (every weight, bias and the ∂X passed between layers).
    @Test func blockedTrainingMatchesOneBlock() throws {
        var rng = SplitMix64(seed: 12)
        let net = LSTMNetwork(architecture: Self.arch, rng: &rng)
        let (steps, batch) = (7, 5)
        let x = FloatBuffer((0..<(steps * batch * 3)).map { _ in Float(rng.nextGaussian()) })
        func gradients(blockRows: Int) -> (outputs: [Float], gradients: [Float], blockSteps: Int) {
            let ws = NetworkWorkspace(architecture: Self.arch, steps: steps, maxBatch: batch, training: true,
                                      instructionSet: .detected, blockRows: blockRows)
            var none: SplitMix64? = nil
            net.forward(input: x.pointer, batch: batch, workspace: ws, dropout: &none)
            var outputs: [Float] = []
            for (k, n) in Self.arch.headOutputs.enumerated() {
                for i in 0..<(batch * n) {
                    outputs.append(ws.output(head: k)[i])
                    ws.outputGradient(head: k)[i] = ws.output(head: k)[i] - 0.5 // ∂/∂ŷ of ½(ŷ − 0.5)²
                }
            }
            net.gradients.zero()
            net.backward(input: x.pointer, batch: batch, workspace: ws)
            return (outputs, Array(net.gradients.buffer), ws.directions[0][0].blockSteps)
        }
        let blocked = gradients(blockRows: 2 * batch), whole = gradients(blockRows: .max)
        #expect(blocked.blockSteps == 2 && whole.blockSteps == steps)
        let outputGap = zip(blocked.outputs, whole.outputs).map { abs($0 - $1) }.max() ?? .nan
        let scale = whole.gradients.map { abs($0) }.max() ?? .nan
        let gradientGap = zip(blocked.gradients, whole.gradients).map { abs($0 - $1) }.max() ?? .nan
        #expect(outputGap <= 1e-6, "outputs differ by \(outputGap)")
        #expect(scale > 0.01 && gradientGap <= 1e-5 * scale, "gradients differ by \(gradientGap) (largest |∂θ| \(scale))")
    }
}
