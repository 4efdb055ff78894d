import Kernels

/// The inference path: windows in chunks of up to `chunk` through a workspace that
/// keeps no per-step activations (c and tanh c are one [B × H] block each), dropout off.
enum LSTMInference {
    static let chunk = 256

    /// Calls `body(slice, workspace)` after a forward pass for each chunk of `origins`.
    static func forEachChunk(network: LSTMNetwork, inputs: LSTMInputs, origins: [Int],
                             _ body: (ArraySlice<Int>, NetworkWorkspace) throws -> Void) rethrows {
        guard !origins.isEmpty else { return }
        let size = min(chunk, origins.count)
        let workspace = NetworkWorkspace(architecture: network.architecture, steps: inputs.steps, maxBatch: size, training: false)
        let x = FloatBuffer(count: inputs.steps * size * inputs.featureCount)
        var noDropout: SplitMix64? = nil
        var start = 0
        while start < origins.count {
            let slice = origins[start..<min(start + size, origins.count)]
            inputs.gather(origins: slice, into: x.pointer)
            network.forward(input: x.pointer, batch: slice.count, workspace: workspace, dropout: &noDropout)
            try body(slice, workspace)
            start += size
        }
    }

    /// Mean loss per head over `origins` (unweighted): `LSTMHeadLoss` of the point loss
    /// and, for quantile heads, the pinball loss of each quantile output.
    static func losses(network: LSTMNetwork, inputs: LSTMInputs, origins: [Int], horizons: [Int], loss: LSTMLoss,
                       quantiles: LSTMQuantileLayout? = nil) throws -> [Double] {
        var sums = [Double](repeating: 0, count: horizons.count)
        let targets = horizons.map { FloatBuffer(count: min(chunk, origins.count) * $0) }
        let headLoss = LSTMHeadLoss(point: loss, layout: quantiles)
        forEachChunk(network: network, inputs: inputs, origins: origins) { slice, ws in
            for k in horizons.indices {
                inputs.gatherTargets(origins: slice, steps: horizons[k], into: targets[k].pointer)
                sums[k] += Double(slice.count) * headLoss.evaluate(
                    predictions: ws.output(head: k), targets: targets[k].pointer, batch: slice.count, steps: horizons[k],
                    weight: 1, gradient: nil)
            }
        }
        return sums.map { $0 / Double(max(origins.count, 1)) }
    }

    /// Where step j = 0 … steps−1 of a path comes from: head k with the shortest horizon
    /// h_k > j (so the 5-minute value is the 5-minute head's), its output min(j, h_k − 1)
    /// (steps past the longest horizon repeat its last value).
    static func stepSources(horizons: [Int], steps: Int) -> [(head: Int, index: Int)] {
        let order = horizons.indices.sorted { horizons[$0] < horizons[$1] }
        return (0..<steps).map { j in
            let k = order.first { horizons[$0] > j } ?? order[order.count - 1]
            return (k, min(j, horizons[k] - 1))
        }
    }

    /// For each origin t, the path ŝ_{t+1} … ŝ_{t+steps} (`stepSources`). Output j of head
    /// k is multiplied by `shrinkage[k][j]` when given (see `shrinkageFactors`). A head's
    /// row is [O·h_k] (O = headOutputs[k] / h_k); the point path is its first h_k values.
    static func forecasts(network: LSTMNetwork, inputs: LSTMInputs, origins: [Int], horizons: [Int], steps: Int,
                          shrinkage: [[Double]]? = nil) -> [[Double]] {
        let source = stepSources(horizons: horizons, steps: steps)
        let widths = network.architecture.headOutputs
        var paths: [[Double]] = []
        paths.reserveCapacity(origins.count)
        forEachChunk(network: network, inputs: inputs, origins: origins) { slice, ws in
            for (b, t) in slice.enumerated() {
                paths.append(source.map { k, j in
                    let factor = Float(shrinkage?[k][j] ?? 1)
                    return inputs.forecast(origin: t, output: factor * ws.output(head: k)[b * widths[k] + j])
                })
            }
        }
        return paths
    }

    /// For each origin t, the Q quantile paths of quantile heads ([Q × steps], τ ascending,
    /// steps chosen as in `forecasts`) in series units: block q of head k's row [O × h_k]
    /// through the same inverse transform as the point path (ŝ = anchor_t + σ·ŷ, σ > 0, so
    /// the order of the outputs is kept), not shrunk (the shrinkage factors are fitted for
    /// the point output's squared error), then sorted per step so quantiles never cross.
    static func quantilePaths(network: LSTMNetwork, inputs: LSTMInputs, origins: [Int], horizons: [Int], steps: Int,
                              quantiles q: Int) -> [[[Double]]] {
        let source = stepSources(horizons: horizons, steps: steps)
        let widths = network.architecture.headOutputs
        var result: [[[Double]]] = []
        result.reserveCapacity(origins.count)
        forEachChunk(network: network, inputs: inputs, origins: origins) { slice, ws in
            for (b, t) in slice.enumerated() {
                let perStep = source.map { k, j in
                    (1...q).map { block in
                        inputs.forecast(origin: t, output: ws.output(head: k)[b * widths[k] + block * horizons[k] + j])
                    }.sorted()
                }
                result.append((0..<q).map { i in perStep.map { $0[i] } })
            }
        }
        return result
    }

    /// Per head k and point output j, the factor α ∈ [0, 1] that minimises the squared error of
    /// α·ŷ against the target y over `origins` (the validation samples):
    ///
    ///     α_kj = clamp(Σ_b y_bj·ŷ_bj / Σ_b ŷ_bj², 0, 1)
    ///
    /// In level-relative mode ŷ = 0 is the naive forecast, so α shrinks each output toward
    /// the last value exactly as far as validation data supports it.
    static func shrinkageFactors(network: LSTMNetwork, inputs: LSTMInputs, origins: [Int], horizons: [Int]) -> [[Double]] {
        var cross = horizons.map { [Double](repeating: 0, count: $0) }
        var square = cross
        let targets = horizons.map { FloatBuffer(count: min(chunk, origins.count) * $0) }
        let widths = network.architecture.headOutputs
        forEachChunk(network: network, inputs: inputs, origins: origins) { slice, ws in
            for k in horizons.indices {
                let n = horizons[k], y = targets[k].pointer, p = ws.output(head: k), w = widths[k]
                inputs.gatherTargets(origins: slice, steps: n, into: y)
                for b in 0..<slice.count {
                    for j in 0..<n {
                        cross[k][j] += Double(y[b * n + j]) * Double(p[b * w + j])
                        square[k][j] += Double(p[b * w + j]) * Double(p[b * w + j])
                    }
                }
            }
        }
        return zip(cross, square).map { c, s in zip(c, s).map { $1 > 0 ? min(max($0 / $1, 0), 1) : 1 } }
    }
}
