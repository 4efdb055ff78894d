@testable import Forecasting
import Kernels
import Testing

/// Every parameter's analytic gradient against central finite differences
/// (∂L/∂θ_i ≈ (L(θ + εe_i) − L(θ − εe_i)) / 2ε in Float32, the loss summed in Double;
/// ε = 3e-2 for the smooth LSTM tensors, 1e-3 for the heads, whose ReLU and |d| kinks
/// a large ε would cross). Dropout masks are the same in every evaluation because the
/// dropout generator is re-seeded each time. Stated tolerance: per tensor,
/// ‖g_fd − g‖ / max(‖g‖, 1e-3) < 1e-2 (measured values are printed). The error is
/// Float32 rounding of L divided by ε (it scales as 1/ε: at ε = 3e-3 the smallest
/// gradient, W_hh of layer 0 with ‖g‖ ≈ 2e-4, shows 0.12, at ε = 3e-2 0.0125), not a
/// gradient defect; larger gradients agree to 1e-4…1e-6.
@Suite struct LSTMGradientTests {
    struct Problem {
        let network: LSTMNetwork
        let workspace: NetworkWorkspace
        let input: [Float]
        let targets: [[Float]]
        let weights: [Float]
        let loss: LSTMHeadLoss
        let batch: Int

        /// With `quantiles`, head k's n_k outputs are O blocks of n_k / O steps
        /// (`LSTMQuantileLayout`) and its loss adds the pinball loss of each quantile block.
        init(architecture: LSTMArchitecture, steps: Int, batch: Int, loss: LSTMLoss, seed: UInt64,
             quantiles: LSTMQuantileLayout? = nil) {
            var rng = SplitMix64(seed: seed)
            network = LSTMNetwork(architecture: architecture, rng: &rng, parallelDirections: false)
            workspace = NetworkWorkspace(architecture: architecture, steps: steps, maxBatch: batch, training: true)
            input = (0..<(steps * batch * architecture.inputSize)).map { _ in Float(rng.nextGaussian()) }
            let blocks = quantiles?.outputsPerStep ?? 1
            // With quantiles, targets sit ≥ 2 away from every output (|ŷ| < 1 at this
            // initialisation), on either side, so no ε step crosses a kink of ρ_τ (at y = ŷ).
            let shift: Float = quantiles == nil ? 0 : 2
            targets = architecture.headOutputs.map { n in
                (0..<(batch * n / blocks)).map { _ in
                    let g = Float(rng.nextGaussian())
                    return g * 0.5 + (g < 0 ? -shift : shift)
                }
            }
            weights = architecture.headOutputs.indices.map { $0 == 1 ? 1.5 : 1 }
            self.loss = LSTMHeadLoss(point: loss, layout: quantiles)
            self.batch = batch
        }

        /// L(θ) = Σ_k w_k·L_k; with `backward`, also fills `network.gradients`.
        func evaluate(backward: Bool) -> Double {
            var rng: SplitMix64? = SplitMix64(seed: 99)
            return input.withUnsafeBufferPointer { x in
                network.forward(input: x.baseAddress!, batch: batch, workspace: workspace, dropout: &rng)
                var total: Double = 0
                for k in targets.indices {
                    total += Double(weights[k]) * targets[k].withUnsafeBufferPointer { t in
                        loss.evaluate(predictions: workspace.output(head: k), targets: t.baseAddress!, batch: batch,
                                      steps: t.count / batch, weight: weights[k], gradient: workspace.outputGradient(head: k))
                    }
                }
                if backward {
                    network.gradients.zero()
                    network.backward(input: x.baseAddress!, batch: batch, workspace: workspace)
                }
                return total
            }
        }

        /// Worst per-tensor relative error ‖g_fd − g‖/‖g‖ and its tensor name.
        func worstRelativeError(recurrentEpsilon: Float = 3e-2, headEpsilon: Float = 1e-3) -> (Double, String) {
            _ = evaluate(backward: true)
            let analytic = network.gradients.array
            var worst = (0.0, "")
            for tensor in network.layout.tensors {
                var diff: Double = 0, norm: Double = 0
                let epsilon = tensor.name.hasPrefix("heads.") ? headEpsilon : recurrentEpsilon
                for i in tensor.offset..<(tensor.offset + tensor.count) {
                    let saved = network.parameterValues[i]
                    network.updateParameters { $0[i] = saved + epsilon }
                    let plus = evaluate(backward: false)
                    network.updateParameters { $0[i] = saved - epsilon }
                    let minus = evaluate(backward: false)
                    network.updateParameters { $0[i] = saved }
                    let fd = (plus - minus) / (2 * Double(epsilon))
                    diff += (fd - Double(analytic[i])) * (fd - Double(analytic[i]))
                    norm += Double(analytic[i]) * Double(analytic[i])
                }
                let rel = diff.squareRoot() / max(norm.squareRoot(), 1e-3)
                if rel > worst.0 { worst = (rel, tensor.name) }
            }
            return worst
        }
    }

    /// 2 layers, bidirectional, H = 5 and P = 6 (not multiples of 8: exercises the SIMD tails),
    /// inter-layer and head dropout 0.3, two heads of 2 and 3 outputs, MSE with weights 1 / 1.5.
    @Test func bidirectionalStackWithDropoutMatchesFiniteDifferences() {
        let arch = LSTMArchitecture(inputSize: 3, hiddenSize: 5, layers: 2, bidirectional: true,
                                    dropout: 0.3, headHidden: 6, headDropout: 0.3, headOutputs: [2, 3])
        let problem = Problem(architecture: arch, steps: 4, batch: 3, loss: .mse, seed: 1)
        let (rel, name) = problem.worstRelativeError()
        print("gradient check (bidirectional, mse): worst relative error \(rel) in \(name)")
        #expect(rel < 1e-2, "worst relative error \(rel) in \(name)")
    }

    /// Unidirectional, 3 layers, H = 8 (full SIMD lanes), Huber loss.
    @Test func unidirectionalHuberMatchesFiniteDifferences() {
        let arch = LSTMArchitecture(inputSize: 2, hiddenSize: 8, layers: 3, bidirectional: false,
                                    dropout: 0, headHidden: 4, headDropout: 0, headOutputs: [1, 4])
        let problem = Problem(architecture: arch, steps: 5, batch: 2, loss: .huber(delta: 0.5), seed: 2)
        let (rel, name) = problem.worstRelativeError()
        print("gradient check (unidirectional, huber): worst relative error \(rel) in \(name)")
        #expect(rel < 1e-2, "worst relative error \(rel) in \(name)")
    }

    /// MAE's gradient is sign(d)/n: check on a single-layer network.
    @Test func maeMatchesFiniteDifferences() {
        let arch = LSTMArchitecture(inputSize: 2, hiddenSize: 3, layers: 1, bidirectional: true,
                                    dropout: 0, headHidden: 3, headDropout: 0, headOutputs: [2])
        let problem = Problem(architecture: arch, steps: 3, batch: 2, loss: .mae, seed: 3)
        let (rel, name) = problem.worstRelativeError()
        print("gradient check (mae): worst relative error \(rel) in \(name)")
        #expect(rel < 1e-2, "worst relative error \(rel) in \(name)")
    }

    /// Heads with quantile outputs (levels 0.8 and 0.95: a point and 4 quantile blocks per
    /// step, O = 5) trained with Huber + pinball: the pinball gradient 1{y < ŷ} − τ flows
    /// through the heads into the LSTM like the point loss's (targets on both sides of the
    /// outputs, so both branches of ρ_τ are checked). Measured 0.0067 (seed 5); seed 4 puts a
    /// head ReLU within ε of its kink (0.05 at ε = 3e-2, 0.018 at 1e-2), not a gradient defect.
    @Test func quantileHeadsMatchFiniteDifferences() throws {
        let quantiles = try LSTMQuantileLayout(levels: [0.8, 0.95])
        let arch = LSTMArchitecture(inputSize: 2, hiddenSize: 3, layers: 1, bidirectional: true,
                                    dropout: 0, headHidden: 5, headDropout: 0.2, headOutputs: [1 * 5, 3 * 5])
        let problem = Problem(architecture: arch, steps: 3, batch: 3, loss: .huber(delta: 1), seed: 5, quantiles: quantiles)
        let (rel, name) = problem.worstRelativeError()
        print("gradient check (quantile heads, huber + pinball): worst relative error \(rel) in \(name)")
        #expect(rel < 1e-2, "worst relative error \(rel) in \(name)")
    }
}
