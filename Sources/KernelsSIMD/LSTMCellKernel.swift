/// The element-wise part of one LSTM step for B rows, eight hidden units at a time.
///
/// Gate rows are laid out [i f g o] (PyTorch), so row b of the step's gate block is
/// `gates[b·4H ..< (b+1)·4H]`. Forward, with pre-activations a = x·W_ihᵀ + b_ih + b_hh + h_{t−1}·W_hhᵀ:
///
///     i = σ(a_i)  f = σ(a_f)  g = tanh(a_g)  o = σ(a_o)
///     c_t = f ⊙ c_{t−1} + i ⊙ g,   h_t = o ⊙ tanh(c_t)
///
/// Backward, given ∂L/∂h_t (dh) and ∂L/∂c_t from step t+1 (dc′):
///
///     dc   = dc′ + dh ⊙ o ⊙ (1 − tanh²c_t)
///     da_i = dc ⊙ g ⊙ i(1 − i)     da_f = dc ⊙ c_{t−1} ⊙ f(1 − f)
///     da_g = dc ⊙ i ⊙ (1 − g²)     da_o = dh ⊙ tanh c_t ⊙ o(1 − o)
///     ∂L/∂c_{t−1} = dc ⊙ f
public enum LSTMCellKernel {
    /// Activates `gates` [B × 4H] in place and writes c [B × H], tanh c [B × H] and
    /// h (row stride `hStride`). `cPrev` may alias `c` (inference keeps one c buffer);
    /// nil means c_{t−1} = 0.
    public static func forward(
        gates: UnsafeMutablePointer<Float>, cPrev: UnsafePointer<Float>?,
        c: UnsafeMutablePointer<Float>, tanhC: UnsafeMutablePointer<Float>,
        h: UnsafeMutablePointer<Float>, hStride: Int, batch: Int, hidden: Int
    ) {
        let whole = hidden - hidden % 8
        for b in 0..<batch {
            let g = gates + b * 4 * hidden
            let cRow = c + b * hidden, tRow = tanhC + b * hidden, hRow = h + b * hStride
            var j = 0
            if let cPrev {
                let pRow = cPrev + b * hidden
                while j < whole {
                    forward8(g + j, hidden, load8(pRow + j), cRow + j, tRow + j, hRow + j, 8)
                    j += 8
                }
                if j < hidden { forward8(g + j, hidden, load(pRow + j, hidden - j), cRow + j, tRow + j, hRow + j, hidden - j) }
            } else {
                while j < whole {
                    forward8(g + j, hidden, .zero, cRow + j, tRow + j, hRow + j, 8)
                    j += 8
                }
                if j < hidden { forward8(g + j, hidden, .zero, cRow + j, tRow + j, hRow + j, hidden - j) }
            }
        }
    }

    /// Units j ..< j + n (n ≤ 8) of one row; `g` points at unit j of gate i.
    @inline(__always)
    static func forward8(
        _ g: UnsafeMutablePointer<Float>, _ hidden: Int, _ cp: SIMD8<Float>,
        _ c: UnsafeMutablePointer<Float>, _ tanhC: UnsafeMutablePointer<Float>, _ h: UnsafeMutablePointer<Float>, _ n: Int
    ) {
        let ig = Activations.sigmoid8(load(g, n))
        let fg = Activations.sigmoid8(load(g + hidden, n))
        let gg = Activations.tanh8(load(g + 2 * hidden, n))
        let og = Activations.sigmoid8(load(g + 3 * hidden, n))
        let cn = multiplyAdd(fg, cp, ig * gg)
        let tc = Activations.tanh8(cn)
        store(ig, g, n); store(fg, g + hidden, n)
        store(gg, g + 2 * hidden, n); store(og, g + 3 * hidden, n)
        store(cn, c, n); store(tc, tanhC, n)
        store(og * tc, h, n)
    }

    /// Overwrites the activated `gates` [B × 4H] with the pre-activation gradients
    /// da [B × 4H] and updates `dcCarry` [B × H] from ∂L/∂c_t to ∂L/∂c_{t−1}.
    /// dh = dOut (row stride `dOutStride`, nil = 0) + `dhCarry` [B × H] (nil = 0).
    public static func backward(
        gates: UnsafeMutablePointer<Float>, cPrev: UnsafePointer<Float>?, tanhC: UnsafePointer<Float>,
        dOut: UnsafePointer<Float>?, dOutStride: Int, dhCarry: UnsafePointer<Float>?,
        dcCarry: UnsafeMutablePointer<Float>, batch: Int, hidden: Int
    ) {
        for b in 0..<batch {
            let g = gates + b * 4 * hidden
            let tRow = tanhC + b * hidden, dcRow = dcCarry + b * hidden
            var j = 0
            while j < hidden {
                let n = min(8, hidden - j)
                let cp: SIMD8<Float>
                if let cPrev { cp = load(cPrev + b * hidden + j, n) } else { cp = .zero }
                var dh: SIMD8<Float>
                if let dOut { dh = load(dOut + b * dOutStride + j, n) } else { dh = .zero }
                if let dhCarry { dh += load(dhCarry + b * hidden + j, n) }
                backward8(g + j, hidden, cp, dh, load(tRow + j, n), dcRow + j, n)
                j += 8
            }
        }
    }

    /// Units j ..< j + n (n ≤ 8) of one row; `g` points at unit j of gate i.
    @inline(__always)
    static func backward8(
        _ g: UnsafeMutablePointer<Float>, _ hidden: Int, _ cp: SIMD8<Float>, _ dh: SIMD8<Float>,
        _ tc: SIMD8<Float>, _ dcCarry: UnsafeMutablePointer<Float>, _ n: Int
    ) {
        let one = SIMD8<Float>(repeating: 1)
        let ig = load(g, n), fg = load(g + hidden, n)
        let gg = load(g + 2 * hidden, n), og = load(g + 3 * hidden, n)
        let dc = multiplyAdd(dh * og, one - tc * tc, load(dcCarry, n))
        store(dc * gg * ig * (one - ig), g, n)
        store(dc * cp * fg * (one - fg), g + hidden, n)
        store(dc * ig * (one - gg * gg), g + 2 * hidden, n)
        store(dh * tc * og * (one - og), g + 3 * hidden, n)
        store(dc * fg, dcCarry, n)
    }
}
