import Kernels
import Testing

/// `PackedGEMM` against a Double-precision triple loop, for both builds, both packing
/// orientations, row counts that are not multiples of the 4-row tile, a single row (the
/// one-window path) and widths that are not multiples of the 16-column panel; 13 × 37 · 37 × 85
/// reaches the AVX-512 build's 8 × 32 tiles (two panel pairs, 5 leftover rows, a partial panel).
@Suite struct PackedGEMMTests {
    static let builds = InstructionSet.allCases.filter(\.isSupported)

    struct Shape: Sendable, CustomTestStringConvertible {
        let m: Int, k: Int, n: Int
        var testDescription: String { "\(m)×\(k)·\(k)×\(n)" }
    }
    static let shapes = [Shape(m: 32, k: 128, n: 512), Shape(m: 7, k: 13, n: 21), Shape(m: 1, k: 130, n: 48),
                         Shape(m: 1, k: 3, n: 5), Shape(m: 5, k: 64, n: 16), Shape(m: 13, k: 37, n: 85)]

    @Test(arguments: builds, shapes)
    func matchesTripleLoop(build: InstructionSet, shape: Shape) {
        let (m, k, n) = (shape.m, shape.k, shape.n)
        var rng = SplitMix64(seed: UInt64(m * 10_007 + k * 101 + n))
        let lda = k + 3, ldc = n + 2
        let a = (0..<(m * lda)).map { _ in Float(rng.nextGaussian()) }
        let w = (0..<(n * k)).map { _ in Float(rng.nextGaussian()) } // [n × k]; op = wᵀ
        let start = (0..<(m * ldc)).map { _ in Float(rng.nextGaussian()) }
        for transposed in [true, false] {
            // transposed: B stored [n × k] (ldb = k); otherwise B = wᵀ stored [k × n] (ldb = n).
            let stored: [Float] = transposed ? w : (0..<(k * n)).map { i in w[(i % n) * k + i / n] }
            var packed = [Float](repeating: .nan, count: PackedGEMM.packedCount(k: k, n: n))
            PackedGEMM.pack(stored, ldb: transposed ? k : n, k: k, n: n, transposed: transposed, into: &packed)
            for accumulate in [false, true] {
                var c = start
                PackedGEMM.multiply(m: m, n: n, k: k, a: a, lda: lda, packed: packed, c: &c, ldc: ldc,
                                    accumulate: accumulate, instructionSet: build)
                var worst = 0.0
                for i in 0..<m {
                    for j in 0..<n {
                        var sum = accumulate ? Double(start[i * ldc + j]) : 0
                        var magnitude = abs(sum)
                        for r in 0..<k {
                            let term = Double(a[i * lda + r]) * Double(w[j * k + r])
                            sum += term
                            magnitude += abs(term)
                        }
                        // Error relative to Σ|terms|, in units of the Float32 summation bound (k + 1)·2⁻²⁴.
                        let bound = Double(k + 1) * 0x1p-24
                        worst = max(worst, abs(Double(c[i * ldc + j]) - sum) / magnitude / bound)
                    }
                    // Padding columns between rows stay untouched.
                    for j in n..<ldc { #expect(c[i * ldc + j] == start[i * ldc + j]) }
                }
                #expect(worst < 1, "\(build) transposed \(transposed) accumulate \(accumulate): worst \(worst)")
            }
        }
    }

    /// The AVX-512 build (8 × 32 tiles of 16-lane sums) returns the Haswell build's bits.
    @Test(.enabled(if: InstructionSet.avx512.isSupported, "this CPU has no AVX-512"), arguments: shapes)
    func wideBuildEqualsHaswellBitForBit(shape: Shape) {
        let (m, k, n) = (shape.m, shape.k, shape.n)
        var rng = SplitMix64(seed: UInt64(m * 31 + k * 7 + n))
        let a = (0..<(m * k)).map { _ in Float(rng.nextGaussian()) }
        let w = (0..<(n * k)).map { _ in Float(rng.nextGaussian()) }
        let start = (0..<(m * n)).map { _ in Float(rng.nextGaussian()) }
        var packed = [Float](repeating: .nan, count: PackedGEMM.packedCount(k: k, n: n))
        PackedGEMM.pack(w, ldb: k, k: k, n: n, transposed: true, into: &packed)
        for accumulate in [false, true] {
            var wide = start, haswell = start
            PackedGEMM.multiply(m: m, n: n, k: k, a: a, lda: k, packed: packed, c: &wide, ldc: n,
                                accumulate: accumulate, instructionSet: .avx512)
            PackedGEMM.multiply(m: m, n: n, k: k, a: a, lda: k, packed: packed, c: &haswell, ldc: n,
                                accumulate: accumulate, instructionSet: .haswell)
            #expect(wide.map(\.bitPattern) == haswell.map(\.bitPattern), "accumulate \(accumulate)")
        }
    }
}
