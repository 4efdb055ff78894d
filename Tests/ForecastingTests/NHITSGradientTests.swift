@testable import Forecasting
import Kernels
import Testing

/// `backward` against central finite differences of `forward` on a random network, for
/// the linear functional F(θ) = Σ w·ŷ (w fixed, so ∂F/∂ŷ = w and the loss's own kinks do
/// not enter): |analytic − numeric| ≤ 2e-3·max(1, |analytic|) on 60 random parameters
/// (Float32 forward, step 1e-2 in Double-accumulated sums; measured worst 7.9e-5).
@Suite struct NHITSGradientTests {
    static let architecture = NHITSArchitecture(inputSteps: 12, horizonSteps: 6, outputs: 5, hiddenSize: 7, hiddenLayers: 2,
                                                poolKernelSizes: [4, 2, 1], downsampleFactors: [3, 2, 1])

    static func functional(_ net: NHITSNetwork, x: [Float], w: [Float], batch: Int) -> Double {
        let ws = NHITSWorkspace(architecture: net.architecture, maxBatch: batch, training: false)
        x.withUnsafeBufferPointer { net.forward(input: $0.baseAddress!, batch: batch, workspace: ws) }
        return w.indices.reduce(0) { $0 + Double(w[$1]) * Double(ws.outputs[$1]) }
    }

    @Test func backwardMatchesFiniteDifferences() {
        var rng = SplitMix64(seed: 11)
        let a = Self.architecture, batch = 4
        let net = NHITSNetwork(architecture: a, rng: &rng)
        let x = (0..<(batch * a.inputSteps)).map { _ in Float(rng.nextGaussian()) }
        let w = (0..<(batch * a.outputs * a.horizonSteps)).map { _ in Float(rng.nextGaussian()) }
        let ws = NHITSWorkspace(architecture: a, maxBatch: batch, training: true)
        x.withUnsafeBufferPointer { net.forward(input: $0.baseAddress!, batch: batch, workspace: ws) }
        for i in w.indices { ws.outputGradients[i] = w[i] }
        net.gradients.zero()
        net.backward(batch: batch, workspace: ws)
        let analytic = net.gradients.array
        let theta = net.parameterValues
        let step: Float = 1e-2
        var worst = 0.0, checked = 0
        for _ in 0..<60 {
            let k = Int(rng.next() % UInt64(theta.count))
            var plus = theta, minus = theta
            plus[k] += step
            minus[k] -= step
            net.setParameters(plus)
            let up = Self.functional(net, x: x, w: w, batch: batch)
            net.setParameters(minus)
            let down = Self.functional(net, x: x, w: w, batch: batch)
            let numeric = (up - down) / Double(2 * step)
            let error = abs(numeric - Double(analytic[k])) / max(1, abs(Double(analytic[k])))
            worst = max(worst, error)
            checked += 1
            #expect(error <= 2e-3, "θ[\(k)]: analytic \(analytic[k]), numeric \(numeric)")
        }
        net.setParameters(theta)
        print("nhits finite differences: worst relative error \(worst) over \(checked) parameters")
        #expect(analytic.contains { $0 != 0 })
    }

    /// The interpolation weights of each step sum to 1 and reproduce torch's
    /// F.interpolate(linear, align_corners=False) for 3 knots → 6 steps.
    @Test func interpolationWeights() {
        let m = NHITSArchitecture.interpolation(knots: 3, steps: 6)
        for s in 0..<6 { #expect(abs((0..<3).reduce(Float(0)) { $0 + m[$1 * 6 + s] } - 1) < 1e-6) }
        // Source positions 0, 0.25, 0.75, 1.25, 1.75, 2 (clamped): row-major [knot × step].
        let expected: [Float] = [1, 0.75, 0.25, 0, 0, 0,
                                 0, 0.25, 0.75, 0.75, 0.25, 0,
                                 0, 0, 0, 0.25, 0.75, 1]
        #expect(zip(m, expected).allSatisfy { abs($0 - $1) < 1e-6 }, "\(m)")
        #expect(NHITSArchitecture.interpolation(knots: 1, steps: 4) == [1, 1, 1, 1])
    }
}
