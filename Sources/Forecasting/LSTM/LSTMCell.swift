import Kernels

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
enum LSTMCell {
    /// Activates `gates` [B × 4H] in place and writes c [B × H], tanh c [B × H] and
    /// h (row stride `hStride`). `cPrev` may alias `c` (inference keeps one c buffer);
    /// nil means c_{t−1} = 0.
    @inline(__always)
    static func forward(
        gates: UnsafeMutablePointer<Float>, cPrev: UnsafePointer<Float>?,
        c: UnsafeMutablePointer<Float>, tanhC: UnsafeMutablePointer<Float>,
        h: UnsafeMutablePointer<Float>, hStride: Int, batch: Int, hidden: Int
    ) {
        for b in 0..<batch {
            let g = gates + b * 4 * hidden
            let cRow = c + b * hidden, tRow = tanhC + b * hidden, hRow = h + b * hStride
            let pRow = cPrev.map { $0 + b * hidden }
            var j = 0
            while j < hidden {
                let n = min(8, hidden - j)
                let ig = Activations.sigmoid8(load(g + j, n))
                let fg = Activations.sigmoid8(load(g + hidden + j, n))
                let gg = Activations.tanh8(load(g + 2 * hidden + j, n))
                let og = Activations.sigmoid8(load(g + 3 * hidden + j, n))
                let cp = pRow.map { load($0 + j, n) } ?? .zero
                let cn = fg * cp + ig * gg
                let tc = Activations.tanh8(cn)
                store(ig, g + j, n); store(fg, g + hidden + j, n)
                store(gg, g + 2 * hidden + j, n); store(og, g + 3 * hidden + j, n)
                store(cn, cRow + j, n); store(tc, tRow + j, n)
                store(og * tc, hRow + j, n)
                j += 8
            }
        }
    }

    /// Overwrites the activated `gates` [B × 4H] with the pre-activation gradients
    /// da [B × 4H] and updates `dcCarry` [B × H] from ∂L/∂c_t to ∂L/∂c_{t−1}.
    /// dh = dOut (row stride `dOutStride`, nil = 0) + `dhCarry` [B × H] (nil = 0).
    @inline(__always)
    static func backward(
        gates: UnsafeMutablePointer<Float>, cPrev: UnsafePointer<Float>?, tanhC: UnsafePointer<Float>,
        dOut: UnsafePointer<Float>?, dOutStride: Int, dhCarry: UnsafePointer<Float>?,
        dcCarry: UnsafeMutablePointer<Float>, batch: Int, hidden: Int
    ) {
        let one = SIMD8<Float>(repeating: 1)
        for b in 0..<batch {
            let g = gates + b * 4 * hidden
            let tRow = tanhC + b * hidden, dcRow = dcCarry + b * hidden
            let pRow = cPrev.map { $0 + b * hidden }
            let oRow = dOut.map { $0 + b * dOutStride }
            let rRow = dhCarry.map { $0 + b * hidden }
            var j = 0
            while j < hidden {
                let n = min(8, hidden - j)
                let ig = load(g + j, n), fg = load(g + hidden + j, n)
                let gg = load(g + 2 * hidden + j, n), og = load(g + 3 * hidden + j, n)
                let tc = load(tRow + j, n)
                let cp = pRow.map { load($0 + j, n) } ?? .zero
                var dh = oRow.map { load($0 + j, n) } ?? .zero
                if let rRow { dh += load(rRow + j, n) }
                let dc = load(dcRow + j, n) + dh * og * (one - tc * tc)
                store(dc * gg * ig * (one - ig), g + j, n)
                store(dc * cp * fg * (one - fg), g + hidden + j, n)
                store(dc * ig * (one - gg * gg), g + 2 * hidden + j, n)
                store(dh * tc * og * (one - og), g + 3 * hidden + j, n)
                store(dc * fg, dcRow + j, n)
                j += 8
            }
        }
    }
}

/// Eight lanes from `p`, or the first `n` < 8 with zeros after them.
@inline(__always)
func load(_ p: UnsafePointer<Float>, _ n: Int) -> SIMD8<Float> {
    if n == 8 { return UnsafeRawPointer(p).loadUnaligned(as: SIMD8<Float>.self) }
    var v = SIMD8<Float>.zero
    for k in 0..<n { v[k] = p[k] }
    return v
}

@inline(__always)
func load(_ p: UnsafeMutablePointer<Float>, _ n: Int) -> SIMD8<Float> { load(UnsafePointer(p), n) }

/// Stores the first `n` lanes of `v` at `p`.
@inline(__always)
func store(_ v: SIMD8<Float>, _ p: UnsafeMutablePointer<Float>, _ n: Int) {
    if n == 8 { UnsafeMutableRawPointer(p).storeBytes(of: v, as: SIMD8<Float>.self); return }
    for k in 0..<n { p[k] = v[k] }
}
