import CBLAS

/// Whether a GEMM operand is used as stored or transposed.
public enum Transpose: Sendable {
    case none, transposed

    var cblas: CBLAS_TRANSPOSE { self == .none ? CblasNoTrans : CblasTrans }
}

/// Single-precision matrix products over OpenBLAS (`cblas_sgemm`), row-major.
///
/// Operands are raw pointers with leading dimensions, so callers can multiply a
/// column block of a wider matrix (for example one direction's half of a
/// bidirectional layer's [T·B × 2H] output, `ld = 2H`) without copying.
public enum GEMM {
    /// C ← α·op(A)·op(B) + β·C with op(A): [m × k], op(B): [k × n], C: [m × n].
    ///
    /// `lda`, `ldb`, `ldc` are the row strides of A, B and C as stored (row-major):
    /// A stored [m × k] (or [k × m] when transposed), and so on.
    @inline(__always)
    public static func multiply(
        _ transA: Transpose, _ transB: Transpose,
        m: Int, n: Int, k: Int,
        alpha: Float = 1,
        a: UnsafePointer<Float>, lda: Int,
        b: UnsafePointer<Float>, ldb: Int,
        beta: Float = 0,
        c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        precondition(m >= 0 && n >= 0 && k >= 0, "GEMM dimensions must be non-negative: m \(m) n \(n) k \(k)")
        if m == 0 || n == 0 { return }
        cblas_sgemm(
            CblasRowMajor, transA.cblas, transB.cblas,
            Int32(m), Int32(n), Int32(k),
            alpha, a, Int32(lda), b, Int32(ldb),
            beta, c, Int32(ldc)
        )
    }

    /// y ← α·op(A)·x + β·y with A stored [rows × cols] row-major.
    @inline(__always)
    public static func multiplyVector(
        _ transA: Transpose, rows: Int, cols: Int, alpha: Float = 1,
        a: UnsafePointer<Float>, lda: Int,
        x: UnsafePointer<Float>, beta: Float = 0,
        y: UnsafeMutablePointer<Float>
    ) {
        if rows == 0 || cols == 0 { return }
        cblas_sgemv(CblasRowMajor, transA.cblas, Int32(rows), Int32(cols), alpha, a, Int32(lda), x, 1, beta, y, 1)
    }
}
