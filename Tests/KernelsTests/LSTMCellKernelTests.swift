import Foundation
import Kernels
import Testing

/// The LSTM cell kernels of every build this CPU runs: forward against the formulas in
/// Double (absolute error < 1e-6 on pre-activations in [−6, 6]), and the AVX-512 build
/// (sixteen lanes) equal bit for bit to the Haswell build (eight lanes), forward and
/// backward, for H = 128 (whole lane blocks: the two-pass row) and H = 20 (a partial block:
/// the one-pass form).
@Suite struct LSTMCellKernelTests {
    static let builds = InstructionSet.allCases.filter(\.isSupported)

    /// Inputs of one step for `batch` rows of `hidden` units, from a fixed seed.
    struct Step {
        let batch: Int, hidden: Int
        var gates: [Float], bias: [Float], cPrev: [Float]
        var dOut: [Float], dhCarry: [Float], dcCarry: [Float]

        init(batch: Int, hidden: Int) {
            self.batch = batch; self.hidden = hidden
            var rng = SplitMix64(seed: UInt64(batch * 1_000 + hidden))
            func uniform(_ n: Int, _ scale: Double) -> [Float] { (0..<n).map { _ in Float((2 * rng.nextUnit() - 1) * scale) } }
            gates = uniform(batch * 4 * hidden, 5)
            bias = uniform(4 * hidden, 1)
            cPrev = uniform(batch * hidden, 2)
            dOut = uniform(batch * hidden, 1)
            dhCarry = uniform(batch * hidden, 1)
            dcCarry = uniform(batch * hidden, 1)
        }
    }

    /// (activated gates, c, tanh c, h, da, dc_{t−1}) after forward then backward.
    static func run(_ step: Step, _ build: InstructionSet) -> [[Float]] {
        var s = step
        let (b, h) = (s.batch, s.hidden)
        var c = [Float](repeating: .nan, count: b * h), tanhC = c, out = c
        s.gates.withUnsafeMutableBufferPointer { g in
            LSTMCellKernel.forward(gates: g.baseAddress!, bias: s.bias, cPrev: s.cPrev, c: &c, tanhC: &tanhC, h: &out,
                                   hStride: h, batch: b, hidden: h, instructionSet: build)
        }
        let activated = s.gates
        s.gates.withUnsafeMutableBufferPointer { g in
            LSTMCellKernel.backward(gates: g.baseAddress!, cPrev: s.cPrev, tanhC: tanhC, dOut: s.dOut, dOutStride: h,
                                    dhCarry: s.dhCarry, dcCarry: &s.dcCarry, batch: b, hidden: h, instructionSet: build)
        }
        return [activated, c, tanhC, out, s.gates, s.dcCarry]
    }

    @Test(arguments: builds, [128, 20])
    func forwardMatchesTheFormulas(build: InstructionSet, hidden: Int) {
        let step = Step(batch: 3, hidden: hidden)
        let result = Self.run(step, build)
        let (activated, c, out) = (result[0], result[1], result[3])
        func sigma(_ x: Double) -> Double { 1 / (1 + Foundation.exp(-x)) }
        var worst = 0.0
        for row in 0..<3 {
            for j in 0..<hidden {
                let a = (0..<4).map { Double(step.gates[row * 4 * hidden + $0 * hidden + j]) + Double(step.bias[$0 * hidden + j]) }
                let (i, f, g, o) = (sigma(a[0]), sigma(a[1]), Foundation.tanh(a[2]), sigma(a[3]))
                let cn = f * Double(step.cPrev[row * hidden + j]) + i * g
                let expected = [i, f, g, o, cn, o * Foundation.tanh(cn)]
                let got = (0..<4).map { Double(activated[row * 4 * hidden + $0 * hidden + j]) }
                    + [Double(c[row * hidden + j]), Double(out[row * hidden + j])]
                for (e, x) in zip(expected, got) { worst = max(worst, abs(e - x)) }
            }
        }
        #expect(worst < 1e-6, "max absolute error \(worst)")
    }

    @Test(.enabled(if: InstructionSet.avx512.isSupported, "this CPU has no AVX-512"), arguments: [128, 20])
    func wideBuildEqualsHaswellBitForBit(hidden: Int) {
        let step = Step(batch: 5, hidden: hidden)
        let wide = Self.run(step, .avx512), haswell = Self.run(step, .haswell)
        for (name, (x, y)) in zip(["gates", "c", "tanh c", "h", "da", "dc"], zip(wide, haswell)) {
            #expect(x.map(\.bitPattern) == y.map(\.bitPattern), "\(name) differs between the AVX-512 and Haswell builds")
        }
    }
}
