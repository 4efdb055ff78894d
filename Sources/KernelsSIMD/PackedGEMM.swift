/// Matrix products against a right-hand operand packed once and reused many times —
/// the LSTM's per-step recurrent products h_{t−1}·W_hhᵀ ([B × H]·[H × 4H]) and
/// da_t·W_hh ([B × 4H]·[4H × H]), where BLAS would repack the same weight on every one
/// of the T calls.
///
/// Packed layout of op(B) [k × n]: ⌈n / 16⌉ panels of 16 columns, each stored k-major,
///
///     packed[(p·k + r)·16 + j] = op(B)[r, 16p + j]     (0 where 16p + j ≥ n),
///
/// so one panel row is two 8-lane vectors and a panel (k·64 bytes, 8 KiB at k = 128)
/// stays in L1 while every row block of A passes over it.
///
/// `multiply` computes C [m × n] = A [m × k] · op(B) (+ C when `accumulate`), with A and C
/// row-major with row strides `lda` and `ldc`. Tiles of 4 rows × 16 columns keep eight
/// 8-lane accumulators (enough independent FMA chains to hide the latency of two FMA
/// pipes); a single row (m = 1, the one-window path) takes 64 columns (four panels) at a
/// time instead, for the same eight chains.
///
/// Batch invariance: every tile computes each C element the same way — one chain
///
///     s = 0;  s = A[i, r]·op(B)[r, j] + s  for r = 0, 1, …, k − 1;  C[i, j] = s (+ C[i, j])
///
/// (fused in the FMA builds) — so row i of C has the same bits whatever m is, whichever
/// rows share the call and whichever tile shape (4 × 16, 1 × 64, 8 × 32) covered it. The
/// LSTM's inference relies on this: a window's forecast does not depend on its batch.
public enum PackedGEMM {
    /// Columns per panel.
    public static let panelWidth = 16

    /// Floats needed to pack an operand op(B) of k rows and n columns.
    public static func packedCount(k: Int, n: Int) -> Int {
        (n + panelWidth - 1) / panelWidth * panelWidth * k
    }

    /// Packs op(B) [k × n]. `transposed == false`: B is stored [k × n] with row stride
    /// `ldb` and op(B) = B; `transposed == true`: B is stored [n × k] and op(B) = Bᵀ.
    public static func pack(
        _ b: UnsafePointer<Float>, ldb: Int, k: Int, n: Int, transposed: Bool,
        into packed: UnsafeMutablePointer<Float>
    ) {
        let panels = (n + panelWidth - 1) / panelWidth
        for p in 0..<panels {
            let base = packed + p * k * panelWidth
            let width = min(panelWidth, n - p * panelWidth)
            if transposed {
                // Column j of the panel is row 16p + j of B, contiguous over r. Written in
                // packed order (16 read streams, one write stream): writing column by column
                // touched a new cache line at every store and took 3× longer.
                let first = b + p * panelWidth * ldb
                for r in 0..<k {
                    let out = base + r * panelWidth
                    for j in 0..<width { out[j] = first[j * ldb + r] }
                }
            } else {
                for r in 0..<k {
                    (base + r * panelWidth).update(from: b + r * ldb + p * panelWidth, count: width)
                }
            }
            if width < panelWidth {
                for r in 0..<k {
                    (base + r * panelWidth + width).update(repeating: 0, count: panelWidth - width)
                }
            }
        }
    }

    /// C [m × n] = A [m × k] · op(B) (+ C when `accumulate`); op(B) packed by `pack`.
    public static func multiply(
        m: Int, n: Int, k: Int,
        a: UnsafePointer<Float>, lda: Int,
        packed: UnsafePointer<Float>,
        c: UnsafeMutablePointer<Float>, ldc: Int,
        accumulate: Bool
    ) {
        let panels = (n + panelWidth - 1) / panelWidth
        var p = 0
        #if SIMD_WIDE
        // Pairs of full panels: 8-row tiles of 32 columns, leftover rows in 4-row tiles.
        if m >= 8 {
            while p + 2 <= n / panelWidth {
                let panel = packed + p * k * panelWidth, column = p * panelWidth
                var i = 0
                while i + 8 <= m {
                    wideTile(k: k, a: a + i * lda, lda: lda, panel: panel, c: c + i * ldc + column, ldc: ldc,
                             accumulate: accumulate)
                    i += 8
                }
                while i < m {
                    for q in 0..<2 {
                        tile(rows: min(4, m - i), k: k, a: a + i * lda, lda: lda, panel: panel + q * k * panelWidth,
                             c: c + i * ldc + column + q * panelWidth, ldc: ldc, width: panelWidth, accumulate: accumulate)
                    }
                    i += 4
                }
                p += 2
            }
        }
        #endif
        if m == 1 {
            while p + 4 <= panels {
                rowQuad(k: k, a: a, panel: packed + p * k * panelWidth, c: c + p * panelWidth,
                        columns: n - p * panelWidth, accumulate: accumulate)
                p += 4
            }
        }
        while p < panels {
            defer { p += 1 }
            let panel = packed + p * k * panelWidth
            let column = p * panelWidth
            let width = min(panelWidth, n - column)
            if m == 1 {
                rowPanel(k: k, a: a, panel: panel, c: c + column, width: width, accumulate: accumulate)
                continue
            }
            var i = 0
            #if SIMD_FMA && !SIMD_WIDE
            // AVX2 has sixteen vector registers: 6 × 16 tiles (twelve accumulators, two panel
            // loads, one broadcast) do 12 fused multiply-adds per 8 loads instead of 8 per 6.
            while i + 6 <= m {
                tileSix(k: k, a: a + i * lda, lda: lda, panel: panel, c: c + i * ldc + column, ldc: ldc,
                        width: width, accumulate: accumulate)
                i += 6
            }
            #endif
            while i < m {
                let rows = min(4, m - i)
                tile(rows: rows, k: k, a: a + i * lda, lda: lda, panel: panel,
                     c: c + i * ldc + column, ldc: ldc, width: width, accumulate: accumulate)
                i += 4
            }
        }
    }

    /// Up to 4 rows × 16 columns: eight accumulators over r = 0 ..< k.
    @inline(__always)
    static func tile(
        rows: Int, k: Int, a: UnsafePointer<Float>, lda: Int, panel: UnsafePointer<Float>,
        c: UnsafeMutablePointer<Float>, ldc: Int, width: Int, accumulate: Bool
    ) {
        // Missing rows read row 0 again; their sums are computed and never stored.
        let a0 = a
        let a1 = rows > 1 ? a + lda : a
        let a2 = rows > 2 ? a + 2 * lda : a
        let a3 = rows > 3 ? a + 3 * lda : a
        var c00 = SIMD8<Float>.zero, c01 = SIMD8<Float>.zero
        var c10 = SIMD8<Float>.zero, c11 = SIMD8<Float>.zero
        var c20 = SIMD8<Float>.zero, c21 = SIMD8<Float>.zero
        var c30 = SIMD8<Float>.zero, c31 = SIMD8<Float>.zero
        var b = panel
        for r in 0..<k {
            let b0 = load8(b), b1 = load8(b + 8)
            let x0 = SIMD8<Float>(repeating: a0[r])
            c00 = multiplyAdd(x0, b0, c00); c01 = multiplyAdd(x0, b1, c01)
            let x1 = SIMD8<Float>(repeating: a1[r])
            c10 = multiplyAdd(x1, b0, c10); c11 = multiplyAdd(x1, b1, c11)
            let x2 = SIMD8<Float>(repeating: a2[r])
            c20 = multiplyAdd(x2, b0, c20); c21 = multiplyAdd(x2, b1, c21)
            let x3 = SIMD8<Float>(repeating: a3[r])
            c30 = multiplyAdd(x3, b0, c30); c31 = multiplyAdd(x3, b1, c31)
            b += 16
        }
        storeRow(c00, c01, c, width: width, accumulate: accumulate)
        if rows > 1 { storeRow(c10, c11, c + ldc, width: width, accumulate: accumulate) }
        if rows > 2 { storeRow(c20, c21, c + 2 * ldc, width: width, accumulate: accumulate) }
        if rows > 3 { storeRow(c30, c31, c + 3 * ldc, width: width, accumulate: accumulate) }
    }

    #if SIMD_FMA && !SIMD_WIDE
    /// 6 rows × 16 columns: twelve accumulators, each the same increasing-r chain as in `tile`.
    @inline(__always)
    static func tileSix(
        k: Int, a: UnsafePointer<Float>, lda: Int, panel: UnsafePointer<Float>,
        c: UnsafeMutablePointer<Float>, ldc: Int, width: Int, accumulate: Bool
    ) {
        var c00 = SIMD8<Float>.zero, c01 = SIMD8<Float>.zero, c10 = SIMD8<Float>.zero, c11 = SIMD8<Float>.zero
        var c20 = SIMD8<Float>.zero, c21 = SIMD8<Float>.zero, c30 = SIMD8<Float>.zero, c31 = SIMD8<Float>.zero
        var c40 = SIMD8<Float>.zero, c41 = SIMD8<Float>.zero, c50 = SIMD8<Float>.zero, c51 = SIMD8<Float>.zero
        var b = panel
        for r in 0..<k {
            let b0 = load8(b), b1 = load8(b + 8)
            var x = SIMD8<Float>(repeating: a[r])
            c00 = multiplyAdd(x, b0, c00); c01 = multiplyAdd(x, b1, c01)
            x = SIMD8<Float>(repeating: a[lda + r])
            c10 = multiplyAdd(x, b0, c10); c11 = multiplyAdd(x, b1, c11)
            x = SIMD8<Float>(repeating: a[2 * lda + r])
            c20 = multiplyAdd(x, b0, c20); c21 = multiplyAdd(x, b1, c21)
            x = SIMD8<Float>(repeating: a[3 * lda + r])
            c30 = multiplyAdd(x, b0, c30); c31 = multiplyAdd(x, b1, c31)
            x = SIMD8<Float>(repeating: a[4 * lda + r])
            c40 = multiplyAdd(x, b0, c40); c41 = multiplyAdd(x, b1, c41)
            x = SIMD8<Float>(repeating: a[5 * lda + r])
            c50 = multiplyAdd(x, b0, c50); c51 = multiplyAdd(x, b1, c51)
            b += panelWidth
        }
        storeRow(c00, c01, c, width: width, accumulate: accumulate)
        storeRow(c10, c11, c + ldc, width: width, accumulate: accumulate)
        storeRow(c20, c21, c + 2 * ldc, width: width, accumulate: accumulate)
        storeRow(c30, c31, c + 3 * ldc, width: width, accumulate: accumulate)
        storeRow(c40, c41, c + 4 * ldc, width: width, accumulate: accumulate)
        storeRow(c50, c51, c + 5 * ldc, width: width, accumulate: accumulate)
    }
    #endif

    #if SIMD_WIDE
    /// 8 rows × 32 columns (full panels p and p + 1, which follow each other in `packed`) with
    /// sixteen 16-lane accumulators: per r, one load from each panel and eight broadcasts feed
    /// sixteen fused multiply-adds. Each element is the same increasing-r chain of fused
    /// multiply-adds as in `tile`, added to C the same way, so the bits equal the 8-lane build's.
    @inline(__always)
    static func wideTile(
        k: Int, a: UnsafePointer<Float>, lda: Int, panel: UnsafePointer<Float>,
        c: UnsafeMutablePointer<Float>, ldc: Int, accumulate: Bool
    ) {
        let next = panel + k * panelWidth
        var c00 = FloatLanes.zero, c01 = FloatLanes.zero, c10 = FloatLanes.zero, c11 = FloatLanes.zero
        var c20 = FloatLanes.zero, c21 = FloatLanes.zero, c30 = FloatLanes.zero, c31 = FloatLanes.zero
        var c40 = FloatLanes.zero, c41 = FloatLanes.zero, c50 = FloatLanes.zero, c51 = FloatLanes.zero
        var c60 = FloatLanes.zero, c61 = FloatLanes.zero, c70 = FloatLanes.zero, c71 = FloatLanes.zero
        for r in 0..<k {
            let b0 = loadLanes(panel + r * panelWidth), b1 = loadLanes(next + r * panelWidth)
            var x = FloatLanes(repeating: a[r])
            c00 = multiplyAdd(x, b0, c00); c01 = multiplyAdd(x, b1, c01)
            x = FloatLanes(repeating: a[lda + r])
            c10 = multiplyAdd(x, b0, c10); c11 = multiplyAdd(x, b1, c11)
            x = FloatLanes(repeating: a[2 * lda + r])
            c20 = multiplyAdd(x, b0, c20); c21 = multiplyAdd(x, b1, c21)
            x = FloatLanes(repeating: a[3 * lda + r])
            c30 = multiplyAdd(x, b0, c30); c31 = multiplyAdd(x, b1, c31)
            x = FloatLanes(repeating: a[4 * lda + r])
            c40 = multiplyAdd(x, b0, c40); c41 = multiplyAdd(x, b1, c41)
            x = FloatLanes(repeating: a[5 * lda + r])
            c50 = multiplyAdd(x, b0, c50); c51 = multiplyAdd(x, b1, c51)
            x = FloatLanes(repeating: a[6 * lda + r])
            c60 = multiplyAdd(x, b0, c60); c61 = multiplyAdd(x, b1, c61)
            x = FloatLanes(repeating: a[7 * lda + r])
            c70 = multiplyAdd(x, b0, c70); c71 = multiplyAdd(x, b1, c71)
        }
        storeWide(c00, c01, c, accumulate); storeWide(c10, c11, c + ldc, accumulate)
        storeWide(c20, c21, c + 2 * ldc, accumulate); storeWide(c30, c31, c + 3 * ldc, accumulate)
        storeWide(c40, c41, c + 4 * ldc, accumulate); storeWide(c50, c51, c + 5 * ldc, accumulate)
        storeWide(c60, c61, c + 6 * ldc, accumulate); storeWide(c70, c71, c + 7 * ldc, accumulate)
    }

    /// Writes (or adds) 32 columns of one row from two 16-lane sums.
    @inline(__always)
    static func storeWide(_ lo: FloatLanes, _ hi: FloatLanes, _ c: UnsafeMutablePointer<Float>, _ accumulate: Bool) {
        if accumulate {
            store(lo + loadLanes(c), c, laneCount)
            store(hi + loadLanes(c + panelWidth), c + panelWidth, laneCount)
        } else {
            store(lo, c, laneCount)
            store(hi, c + panelWidth, laneCount)
        }
    }
    #endif

    /// One row × 64 columns (panels p … p + 3, `columns` ≥ 49 of them present from p's first):
    /// eight accumulators, each one increasing-r chain, as in `tile`.
    @inline(__always)
    static func rowQuad(
        k: Int, a: UnsafePointer<Float>, panel: UnsafePointer<Float>,
        c: UnsafeMutablePointer<Float>, columns: Int, accumulate: Bool
    ) {
        let step = k * panelWidth
        var s00 = SIMD8<Float>.zero, s01 = SIMD8<Float>.zero, s10 = SIMD8<Float>.zero, s11 = SIMD8<Float>.zero
        var s20 = SIMD8<Float>.zero, s21 = SIMD8<Float>.zero, s30 = SIMD8<Float>.zero, s31 = SIMD8<Float>.zero
        var b = panel
        for r in 0..<k {
            let x = SIMD8<Float>(repeating: a[r])
            s00 = multiplyAdd(x, load8(b), s00); s01 = multiplyAdd(x, load8(b + 8), s01)
            s10 = multiplyAdd(x, load8(b + step), s10); s11 = multiplyAdd(x, load8(b + step + 8), s11)
            s20 = multiplyAdd(x, load8(b + 2 * step), s20); s21 = multiplyAdd(x, load8(b + 2 * step + 8), s21)
            s30 = multiplyAdd(x, load8(b + 3 * step), s30); s31 = multiplyAdd(x, load8(b + 3 * step + 8), s31)
            b += panelWidth
        }
        storeRow(s00, s01, c, width: panelWidth, accumulate: accumulate)
        storeRow(s10, s11, c + panelWidth, width: panelWidth, accumulate: accumulate)
        storeRow(s20, s21, c + 2 * panelWidth, width: panelWidth, accumulate: accumulate)
        storeRow(s30, s31, c + 3 * panelWidth, width: min(panelWidth, columns - 3 * panelWidth), accumulate: accumulate)
    }

    /// One row × 16 columns (a panel left over after the groups of four): two chains.
    @inline(__always)
    static func rowPanel(
        k: Int, a: UnsafePointer<Float>, panel: UnsafePointer<Float>,
        c: UnsafeMutablePointer<Float>, width: Int, accumulate: Bool
    ) {
        var s0 = SIMD8<Float>.zero, s1 = SIMD8<Float>.zero
        var b = panel
        for r in 0..<k {
            let x = SIMD8<Float>(repeating: a[r])
            s0 = multiplyAdd(x, load8(b), s0); s1 = multiplyAdd(x, load8(b + 8), s1)
            b += panelWidth
        }
        storeRow(s0, s1, c, width: width, accumulate: accumulate)
    }

    /// Writes (or adds) two 8-lane halves of a 16-column row, the first `width` columns.
    @inline(__always)
    static func storeRow(_ lo: SIMD8<Float>, _ hi: SIMD8<Float>, _ c: UnsafeMutablePointer<Float>, width: Int, accumulate: Bool) {
        let nLo = min(8, width), nHi = max(0, width - 8)
        if accumulate {
            store8(lo + load8(c, nLo), c, nLo)
            if nHi > 0 { store8(hi + load8(c + 8, nHi), c + 8, nHi) }
        } else {
            store8(lo, c, nLo)
            if nHi > 0 { store8(hi, c + 8, nHi) }
        }
    }
}
