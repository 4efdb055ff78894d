import Kernels
import Testing

@Suite struct GEMMTests {
    /// [[1 2 3], [4 5 6]] · [[7 8], [9 10], [11 12]] = [[58 64], [139 154]] (by hand).
    @Test func productMatchesHandComputedValues() {
        let a = Matrix(rows: 2, cols: 3, values: [1, 2, 3, 4, 5, 6])
        let b = Matrix(rows: 3, cols: 2, values: [7, 8, 9, 10, 11, 12])
        #expect((a * b).values == [58, 64, 139, 154])
    }

    /// C ← 2·Aᵀ·Bᵀ + 1·C on a column block of a wider C (ldc = 3), leaving column 2 alone.
    @Test func transposesAlphaBetaAndLeadingDimensions() {
        let a: [Float] = [1, 4, 2, 5, 3, 6] // Aᵀ stored [3 × 2]: A = [[1 2 3], [4 5 6]]
        let b: [Float] = [7, 9, 11, 8, 10, 12] // Bᵀ stored [2 × 3]: B = [[7 8], [9 10], [11 12]]
        var c: [Float] = [1, 1, -1, 1, 1, -1]
        a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                c.withUnsafeMutableBufferPointer { pc in
                    GEMM.multiply(.transposed, .transposed, m: 2, n: 2, k: 3, alpha: 2,
                                  a: pa.baseAddress!, lda: 2, b: pb.baseAddress!, ldb: 3,
                                  beta: 1, c: pc.baseAddress!, ldc: 3)
                }
            }
        }
        #expect(c == [117, 129, -1, 279, 309, -1])
    }

    @Test func matrixVectorProduct() {
        let a: [Float] = [1, 2, 3, 4, 5, 6]
        let x: [Float] = [1, 0, -1]
        var y: [Float] = [0, 0]
        a.withUnsafeBufferPointer { pa in
            x.withUnsafeBufferPointer { px in
                y.withUnsafeMutableBufferPointer { py in
                    GEMM.multiplyVector(.none, rows: 2, cols: 3, a: pa.baseAddress!, lda: 3, x: px.baseAddress!, y: py.baseAddress!)
                }
            }
        }
        #expect(y == [-2, -2])
    }
}
