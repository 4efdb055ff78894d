import Foundation
import Kernels
import KernelsSIMD
import KernelsSIMDAVX512
import KernelsSIMDHaswell
import Testing

/// Every build of the vector kernels (baseline, AVX2 + FMA, AVX-512) against libm; a build
/// this CPU cannot run is skipped.
@Suite struct ActivationsTests {
    static let builds = InstructionSet.allCases.filter(\.isSupported)

    /// 200,001 points on [−20, 20] plus a non-multiple-of-8 tail, against libm in Double.
    static let grid: [Float] = (0...200_000).map { Float(-20 + 40 * Double($0) / 200_000) } + [0, -0, 1e-30, 90, -90, 3]

    @Test(arguments: builds) func expMatchesLibmToRelative4e7(build: InstructionSet) {
        var worst: Double = 0
        let xs: [Float] = (0...100_000).map { Float(-87 + 175 * Double($0) / 100_000) }
        for x in xs {
            let mine: Double = switch build {
            case .baseline: Double(KernelsSIMD.vectorExp(KernelsSIMD.FloatLanes(repeating: x))[0])
            case .haswell: Double(KernelsSIMDHaswell.vectorExp(KernelsSIMDHaswell.FloatLanes(repeating: x))[0])
            case .avx512: Double(KernelsSIMDAVX512.vectorExp(KernelsSIMDAVX512.FloatLanes(repeating: x))[0])
            }
            let ref = Foundation.exp(Double(x))
            worst = max(worst, abs(mine - ref) / ref)
        }
        #expect(worst < 4e-7, "max relative error \(worst)")
    }

    @Test(arguments: builds) func sigmoidMatchesLibmToAbsolute2e7(build: InstructionSet) {
        var out = [Float](repeating: .nan, count: Self.grid.count)
        Kernels.Activations.sigmoid(Self.grid, &out, count: Self.grid.count, instructionSet: build)
        var worst: Double = 0
        for (x, y) in zip(Self.grid, out) {
            worst = max(worst, abs(Double(y) - 1 / (1 + Foundation.exp(-Double(x)))))
        }
        #expect(worst < 2e-7, "max absolute error \(worst)")
        #expect(out[out.count - 3] == 1 && out[out.count - 2] < 1e-38)
    }

    @Test(arguments: builds) func tanhMatchesLibmToAbsolute3e7AndIsOdd(build: InstructionSet) {
        var out = [Float](repeating: .nan, count: Self.grid.count)
        Kernels.Activations.tanh(Self.grid, &out, count: Self.grid.count, instructionSet: build)
        var worst: Double = 0
        for (x, y) in zip(Self.grid, out) {
            worst = max(worst, abs(Double(y) - Foundation.tanh(Double(x))))
        }
        #expect(worst < 3e-7, "max absolute error \(worst)")
        let n = Self.grid.count
        #expect(out[n - 3] == 1 && out[n - 2] == -1)
        #expect(out[0] == -out[200_000])
    }

    @Test func inPlaceGivesSameValues() {
        var xs: [Float] = (0..<37).map { Float($0) / 4 - 4 }
        var separate = [Float](repeating: 0, count: xs.count)
        Kernels.Activations.sigmoid(xs, &separate, count: xs.count)
        xs.withUnsafeMutableBufferPointer { p in Kernels.Activations.sigmoid(p.baseAddress!, p.baseAddress!, count: p.count) }
        #expect(xs == separate)
    }
}
