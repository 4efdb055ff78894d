/// A dense row-major Float32 matrix value, for small setups and tests; hot loops use
/// `GEMM` on preallocated `FloatBuffer`s instead.
public struct Matrix: Sendable, Equatable {
    public let rows: Int
    public let cols: Int
    /// Element (r, c) at `values[r·cols + c]`.
    public var values: [Float]

    public init(rows: Int, cols: Int, values: [Float]) {
        precondition(values.count == rows * cols, "matrix \(rows)×\(cols) needs \(rows * cols) values, got \(values.count)")
        self.rows = rows
        self.cols = cols
        self.values = values
    }

    public init(rows: Int, cols: Int, repeating value: Float = 0) {
        self.init(rows: rows, cols: cols, values: [Float](repeating: value, count: rows * cols))
    }

    public subscript(row: Int, col: Int) -> Float {
        get { values[row * cols + col] }
        set { values[row * cols + col] = newValue }
    }

    public var transposed: Matrix {
        var t = Matrix(rows: cols, cols: rows)
        for r in 0..<rows { for c in 0..<cols { t[c, r] = self[r, c] } }
        return t
    }

    /// The product A·B ([m × k]·[k × n] → [m × n]) through `cblas_sgemm`.
    public static func * (a: Matrix, b: Matrix) -> Matrix {
        precondition(a.cols == b.rows, "cannot multiply \(a.rows)×\(a.cols) by \(b.rows)×\(b.cols)")
        var c = Matrix(rows: a.rows, cols: b.cols)
        guard a.rows > 0, b.cols > 0, a.cols > 0 else { return c }
        a.values.withUnsafeBufferPointer { pa in
            b.values.withUnsafeBufferPointer { pb in
                c.values.withUnsafeMutableBufferPointer { pc in
                    GEMM.multiply(
                        .none, .none, m: a.rows, n: b.cols, k: a.cols,
                        a: pa.baseAddress!, lda: max(a.cols, 1),
                        b: pb.baseAddress!, ldb: max(b.cols, 1),
                        c: pc.baseAddress!, ldc: max(b.cols, 1)
                    )
                }
            }
        }
        return c
    }
}
