import Foundation
import Kernels
import Testing

/// One update of each rule on θ = [1, −2], g = [0.5, 0.25], worked out by hand.
@Suite struct OptimizerTests {
    func run<O: Optimizer>(_ optimizer: inout O, _ theta: inout [Float], _ grad: [Float], lr: Float) {
        theta.withUnsafeMutableBufferPointer { p in
            grad.withUnsafeBufferPointer { g in optimizer.step(parameters: p, gradients: g, learningRate: lr) }
        }
    }

    /// Step 1: m = 0.1g, v = 0.001g², m̂ = g, v̂ = g², so θ ← θ − η·g/(|g| + ε) = θ − η·sign(g).
    /// With weight decay λ = 0.1, g' = g + λθ = [0.6, 0.05] — still the signs of g.
    @Test func adamFirstStepMovesEachWeightByTheLearningRate() {
        var adam = Adam(parameterCount: 2, weightDecay: 0.1)
        var theta: [Float] = [1, -2]
        run(&adam, &theta, [0.5, 0.25], lr: 0.01)
        #expect(abs(theta[0] - 0.99) < 1e-6 && abs(theta[1] - -2.01) < 1e-6, "\(theta)")
    }

    /// The eight-lane loop (and its scalar tail, 37 = 4·8 + 5) gives the bits of the
    /// formula applied one weight at a time, over three steps with weight decay.
    @Test func adamLanesMatchTheScalarFormulaBitForBit() {
        var rng = SplitMix64(seed: 3)
        let n = 37
        var theta = (0..<n).map { _ in Float(rng.nextGaussian()) }
        var expected = theta
        var adam = Adam(parameterCount: n, weightDecay: 0.01)
        var m = [Float](repeating: 0, count: n), v = [Float](repeating: 0, count: n)
        for step in 1...3 {
            let grad = (0..<n).map { _ in Float(rng.nextGaussian()) }
            run(&adam, &theta, grad, lr: 0.01)
            let t = Float(step)
            let stepSize = Float(0.01) / (1 - powf(0.9, t)), correction2Root = (1 - powf(0.999, t)).squareRoot()
            for i in 0..<n {
                let g = grad[i] + 0.01 * expected[i]
                m[i] = 0.9 * m[i] + (1 - 0.9) * g
                v[i] = 0.999 * v[i] + (1 - 0.999) * g * g
                expected[i] -= stepSize * m[i] / (v[i].squareRoot() / correction2Root + 1e-8)
            }
        }
        #expect(theta.map(\.bitPattern) == expected.map(\.bitPattern))
    }

    /// Step 2 with the same g = [0.5, 0.25]: m = 0.19g, v = 0.001999g², m̂ = g, v̂ = g²,
    /// so Adam again moves by η per weight.
    @Test func adamSecondStepWithConstantGradient() {
        var adam = Adam(parameterCount: 2)
        var theta: [Float] = [1, -2]
        run(&adam, &theta, [0.5, 0.25], lr: 0.1)
        run(&adam, &theta, [0.5, 0.25], lr: 0.1)
        #expect(abs(theta[0] - 0.8) < 1e-5 && abs(theta[1] - -2.2) < 1e-5, "\(theta)")
        #expect(adam.stepCount == 2)
    }

    /// b₁ = g = [0.5, 0.25], θ₁ = [0.95, −2.025]; b₂ = 0.9·b₁ + g = [0.95, 0.475], θ₂ = [0.855, −2.0725].
    @Test func sgdMomentumTwoSteps() {
        var sgd = SGD(parameterCount: 2, momentum: 0.9)
        var theta: [Float] = [1, -2]
        run(&sgd, &theta, [0.5, 0.25], lr: 0.1)
        #expect(abs(theta[0] - 0.95) < 1e-6 && abs(theta[1] - -2.025) < 1e-6)
        run(&sgd, &theta, [0.5, 0.25], lr: 0.1)
        #expect(abs(theta[0] - 0.855) < 1e-6 && abs(theta[1] - -2.0725) < 1e-6, "\(theta)")
    }

    /// a = 0.01·g² → √a = 0.1|g|, θ ← θ − η·g/(0.1|g|) = θ − 10η·sign(g); with λ = 0.5:
    /// g' = [1.0, −0.75] → θ = [1 − 0.1, −2 + 0.1].
    @Test func rmspropFirstStepWithWeightDecay() {
        var rms = RMSProp(parameterCount: 2, weightDecay: 0.5)
        var theta: [Float] = [1, -2]
        run(&rms, &theta, [0.5, 0.25], lr: 0.01)
        #expect(abs(theta[0] - 0.9) < 1e-5 && abs(theta[1] - -1.9) < 1e-5, "\(theta)")
    }

    /// ‖[3, 4]‖ = 5 → clipped to norm 1: [0.6, 0.8]; a norm under the limit is left alone.
    @Test func clippingScalesToTheMaximumNorm() {
        var g: [Float] = [3, 4]
        let norm = g.withUnsafeMutableBufferPointer { GradientClipping.clipNorm($0, maxNorm: 1) }
        #expect(norm == 5)
        #expect(abs(g[0] - 0.6) < 1e-6 && abs(g[1] - 0.8) < 1e-6)
        var small: [Float] = [0.3, 0.4]
        _ = small.withUnsafeMutableBufferPointer { GradientClipping.clipNorm($0, maxNorm: 1) }
        #expect(small == [0.3, 0.4])
    }

    /// patience 2: losses 1, 0.5, 0.6, 0.6, 0.6 → the third epoch without improvement halves η.
    @Test func reduceOnPlateauHalvesAfterPatienceRunsOut() {
        var schedule = ReduceOnPlateau(initialRate: 0.1, factor: 0.5, patience: 2)
        let rates = [1, 0.5, 0.6, 0.6, 0.6, 0.6].map { schedule.record(loss: Float($0)) }
        #expect(rates == [0.1, 0.1, 0.1, 0.1, 0.05, 0.05])
    }
}
