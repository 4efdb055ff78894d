import CBLAS

/// Normal-equation pieces of a least-squares design, through OpenBLAS:
/// for X (rows × cols, row-major) and y (rows),
///   G = XᵀX  (cols × cols, symmetric, row-major, both triangles filled),
///   b = Xᵀy  (cols).
/// With them ‖y − Xθ‖² = yᵀy − 2θᵀb + θᵀGθ costs O(cols²) instead of O(rows·cols).
public struct NormalEquations: Sendable, Equatable {
    public let gram: [Double]
    public let crossProduct: [Double]
    public let responseSquares: Double
    public let columns: Int

    public init(design x: [Double], rows: Int, columns: Int, response y: [Double]) {
        precondition(x.count == rows * columns && y.count == rows, "design \(x.count) ≠ \(rows)×\(columns) or response \(y.count) ≠ \(rows)")
        self.columns = columns
        var g = [Double](repeating: 0, count: columns * columns)
        var b = [Double](repeating: 0, count: columns)
        if rows > 0 && columns > 0 {
            cblas_dsyrk(CblasRowMajor, CblasUpper, CblasTrans, Int32(columns), Int32(rows), 1, x, Int32(columns), 0, &g, Int32(columns))
            cblas_dgemv(CblasRowMajor, CblasTrans, Int32(rows), Int32(columns), 1, x, Int32(columns), y, 1, 0, &b, 1)
            for i in 0..<columns { for j in 0..<i { g[i * columns + j] = g[j * columns + i] } }
        }
        gram = g
        crossProduct = b
        responseSquares = y.reduce(0) { $0 + $1 * $1 }
    }

    /// ‖y − Xθ‖² and its gradient 2(Gθ − b), written into `gradient` (length cols).
    public func residualSumOfSquares(_ theta: [Double], gradient: inout [Double]) -> Double {
        let p = columns
        var quadratic = 0.0, linear = 0.0
        gram.withUnsafeBufferPointer { g in
            for i in 0..<p {
                var gi = 0.0
                for j in 0..<p { gi += g[i * p + j] * theta[j] }
                quadratic += theta[i] * gi
                linear += theta[i] * crossProduct[i]
                gradient[i] = 2 * (gi - crossProduct[i])
            }
        }
        return max(responseSquares - 2 * linear + quadratic, 0)
    }
}
