/// The element-wise part of one LSTM step for B rows, `FloatLanes.scalarCount` hidden units (8 or 16) at a time.
///
/// Gate rows are laid out [i f g o] (PyTorch), so row b of the step's gate block is
/// `gates[b·4H ..< (b+1)·4H]`. Forward, with pre-activations a = (x·W_ihᵀ + h_{t−1}·W_hhᵀ) + bias,
/// the products already in `gates` and bias = b_ih + b_hh [4H] added here:
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
    /// Adds `bias` [4H] to each row of `gates` [B × 4H], activates them in place and writes
    /// c [B × H], tanh c [B × H] and h (row stride `hStride`). `cPrev` may alias `c`
    /// (inference keeps one c buffer); nil means c_{t−1} = 0.
    ///
    /// When H is a multiple of the lane count, each row runs in two passes: first the 4H gate
    /// activations (independent lane blocks, so the processor overlaps their long exp–divide
    /// chains), then c, tanh c and h; per lane the operations and their order are those of
    /// the one-pass form used for other H. 16 lanes: 9.3 → 8.0 µs per [32 × 128];
    /// 8 lanes: 15.5 → 12.8 µs (`bench-lstm --kernels`).
    public static func forward(
        gates: UnsafeMutablePointer<Float>, bias: UnsafePointer<Float>, cPrev: UnsafePointer<Float>?,
        c: UnsafeMutablePointer<Float>, tanhC: UnsafeMutablePointer<Float>,
        h: UnsafeMutablePointer<Float>, hStride: Int, batch: Int, hidden: Int
    ) {
        let wholeLanes = hidden % laneCount == 0
        for b in 0..<batch {
            let g = gates + b * 4 * hidden
            let cRow = c + b * hidden, tRow = tanhC + b * hidden, hRow = h + b * hStride
            let pRow = cPrev.map { $0 + b * hidden }
            if wholeLanes {
                activateGates(g, bias, hidden)
                updateState(g, pRow, cRow, tRow, hRow, hidden)
            } else {
                var j = 0
                while j < hidden {
                    forwardUnits(g + j, bias + j, hidden, pRow.map { $0 + j }, cRow + j, tRow + j, hRow + j,
                                 min(laneCount, hidden - j))
                    j += laneCount
                }
            }
        }
    }

    /// Row pass 1: g[0 ..< 2H] and g[3H ..< 4H] = σ(g + bias), g[2H ..< 3H] = tanh(g + bias).
    @_transparent
    static func activateGates(_ g: UnsafeMutablePointer<Float>, _ bias: UnsafePointer<Float>, _ hidden: Int) {
        var j = 0
        while j < 2 * hidden {
            store(Activations.sigmoidLanes(loadLanes(g + j) + loadLanes(bias + j)), g + j, laneCount)
            j += laneCount
        }
        while j < 3 * hidden {
            store(Activations.tanhLanes(loadLanes(g + j) + loadLanes(bias + j)), g + j, laneCount)
            j += laneCount
        }
        while j < 4 * hidden {
            store(Activations.sigmoidLanes(loadLanes(g + j) + loadLanes(bias + j)), g + j, laneCount)
            j += laneCount
        }
    }

    /// Row pass 2, from the activated gates: c = f ⊙ c_{t−1} + i ⊙ g, tanh c, h = o ⊙ tanh c.
    @_transparent
    static func updateState(
        _ g: UnsafeMutablePointer<Float>, _ cPrev: UnsafePointer<Float>?, _ c: UnsafeMutablePointer<Float>,
        _ tanhC: UnsafeMutablePointer<Float>, _ h: UnsafeMutablePointer<Float>, _ hidden: Int
    ) {
        var j = 0
        while j < hidden {
            let cp: FloatLanes
            if let cPrev { cp = loadLanes(cPrev + j) } else { cp = .zero }
            let ig = loadLanes(g + j), fg = loadLanes(g + hidden + j), gg = loadLanes(g + 2 * hidden + j)
            let cn = multiplyAdd(fg, cp, ig * gg)
            let tc = Activations.tanhLanes(cn)
            store(cn, c + j, laneCount); store(tc, tanhC + j, laneCount)
            store(loadLanes(g + 3 * hidden + j) * tc, h + j, laneCount)
            j += laneCount
        }
    }

    /// n ≤ `laneCount` units in one pass, for H that is not a multiple of the lane count.
    @inline(never)
    static func forwardUnits(
        _ g: UnsafeMutablePointer<Float>, _ bias: UnsafePointer<Float>, _ hidden: Int, _ cPrev: UnsafePointer<Float>?,
        _ c: UnsafeMutablePointer<Float>, _ tanhC: UnsafeMutablePointer<Float>, _ h: UnsafeMutablePointer<Float>, _ n: Int
    ) {
        forwardLanes(g, bias, hidden, cPrev.map { load($0, n) } ?? .zero, c, tanhC, h, n)
    }

    /// Units j ..< j + n (n ≤ laneCount) of one row; `g` and `bias` point at unit j of gate i.
    /// `@_transparent`: always inlined (see `expLanes`).
    @_transparent
    static func forwardLanes(
        _ g: UnsafeMutablePointer<Float>, _ bias: UnsafePointer<Float>, _ hidden: Int, _ cp: FloatLanes,
        _ c: UnsafeMutablePointer<Float>, _ tanhC: UnsafeMutablePointer<Float>, _ h: UnsafeMutablePointer<Float>, _ n: Int
    ) {
        let ig = Activations.sigmoidLanes(load(g, n) + load(bias, n))
        let fg = Activations.sigmoidLanes(load(g + hidden, n) + load(bias + hidden, n))
        let gg = Activations.tanhLanes(load(g + 2 * hidden, n) + load(bias + 2 * hidden, n))
        let og = Activations.sigmoidLanes(load(g + 3 * hidden, n) + load(bias + 3 * hidden, n))
        let cn = multiplyAdd(fg, cp, ig * gg)
        let tc = Activations.tanhLanes(cn)
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
                let n = min(laneCount, hidden - j)
                let cp: FloatLanes
                if let cPrev { cp = load(cPrev + b * hidden + j, n) } else { cp = .zero }
                var dh: FloatLanes
                if let dOut { dh = load(dOut + b * dOutStride + j, n) } else { dh = .zero }
                if let dhCarry { dh += load(dhCarry + b * hidden + j, n) }
                backwardLanes(g + j, hidden, cp, dh, load(tRow + j, n), dcRow + j, n)
                j += laneCount
            }
        }
    }

    /// Units j ..< j + n (n ≤ laneCount) of one row; `g` points at unit j of gate i.
    @inline(__always)
    static func backwardLanes(
        _ g: UnsafeMutablePointer<Float>, _ hidden: Int, _ cp: FloatLanes, _ dh: FloatLanes,
        _ tc: FloatLanes, _ dcCarry: UnsafeMutablePointer<Float>, _ n: Int
    ) {
        let one = FloatLanes(repeating: 1)
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
