import Kernels
import TestSupport
import Testing

@Suite struct NormalEquationsTests {
    /// X = [[1, 2], [3, 4], [5, 6]], y = (1, 0, 2): XᵀX = [[35, 44], [44, 56]], Xᵀy = (11, 14), yᵀy = 5.
    @Test func gramAndCrossProductByHand() {
        let ne = NormalEquations(design: [1, 2, 3, 4, 5, 6], rows: 3, columns: 2, response: [1, 0, 2])
        #expect(ne.gram == [35, 44, 44, 56])
        #expect(ne.crossProduct == [11, 14])
        #expect(ne.responseSquares == 5)
    }

    /// θ = (0.5, −1): residuals y − Xθ = (2.5, 2.5, 5.5) → RSS = 42.75; gradient −2Xᵀ(y − Xθ) = (−75, −96).
    @Test func residualSumOfSquaresAndGradient() {
        let ne = NormalEquations(design: [1, 2, 3, 4, 5, 6], rows: 3, columns: 2, response: [1, 0, 2])
        var g = [0.0, 0.0]
        let rss = ne.residualSumOfSquares([0.5, -1], gradient: &g)
        #expect(isClose(rss, 42.75, rel: 1e-12))
        #expect(firstMismatch(g, [-75, -96], rel: 1e-12) == nil)
    }
}

@Suite struct CholeskySolverTests {
    /// A = [[4, 2, 0], [2, 5, 1], [0, 1, 3]], x = (1, −1, 2) → b = A x = (2, −1, 5).
    @Test func solvesByHandExample() throws {
        let x = try #require(solveSymmetricPositiveDefinite([4, 2, 0, 2, 5, 1, 0, 1, 3], [2, -1, 5]))
        #expect(firstMismatch(x, [1, -1, 2], rel: 1e-12, abs: 1e-14) == nil)
    }

    @Test func indefiniteMatrixGivesNil() {
        #expect(solveSymmetricPositiveDefinite([1, 2, 2, 1], [1, 1]) == nil)
    }
}
