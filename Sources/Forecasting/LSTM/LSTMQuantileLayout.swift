/// Where the prediction intervals of an `lstm` come from (docs/ARCHITECTURE.md, "LSTM
/// quantile heads"): `conformal` adds the split-conformal residual quantiles of the trained
/// network on validation to its point path (`ResidualCalibration`); `quantile` trains every
/// head to also output the quantiles of the levels, with the pinball loss (`LSTMHeadLoss`).
public enum LSTMIntervalMethod: String, Codable, Sendable, Hashable, CaseIterable {
    case conformal
    case quantile
}

/// The outputs of heads that predict quantiles besides the point path. Head k, predicting
/// n_k steps, has O·n_k outputs per row, O = 1 + Q, laid out quantile-major:
///
///     [ŷ₀,₁ … ŷ₀,n_k | ŷ₁,₁ … ŷ₁,n_k | … | ŷ_Q,₁ … ŷ_Q,n_k]
///
/// block 0 the point path (what the head predicts without quantiles), block q = 1 … Q the
/// τ_q quantile path, τ ascending. All blocks are in the same units (the network's target
/// units, turned into series units by the same inverse transform, `LSTMInputs.forecast`).
public struct LSTMQuantileLayout: Codable, Sendable, Equatable {
    /// Coverages c of the central intervals trained (each in (0, 1), distinct).
    public var levels: [Double]
    /// τ of the quantile blocks, ascending: (1 − c)/2 of the levels from widest to
    /// narrowest, then (1 + c)/2 from narrowest to widest. [0.8, 0.95] → [0.025, 0.1, 0.9, 0.975].
    public var quantiles: [Double]

    /// Throws `LSTMError.invalidIntervalLevels` unless the levels are distinct and in (0, 1).
    public init(levels: [Double]) throws(LSTMError) {
        guard !levels.isEmpty, levels.allSatisfy({ $0 > 0 && $0 < 1 }), Set(levels).count == levels.count else {
            throw .invalidIntervalLevels(levels)
        }
        self.levels = levels
        let ascending = levels.sorted()
        quantiles = ascending.reversed().map { (1 - $0) / 2 } + ascending.map { (1 + $0) / 2 }
    }

    /// O = 1 + Q, output blocks per head.
    public var outputsPerStep: Int { 1 + quantiles.count }

    /// For each of `levels`, the quantile indices (0-based among the Q blocks after the
    /// point) of its lower (1 − c)/2 and upper (1 + c)/2 bound; a level outside (0, 1) is
    /// `IntervalError.levelOutOfRange`, one not trained `IntervalError.levelNotTrained`.
    func quantileIndices(levels asked: [Double]) throws(IntervalError) -> [(lower: Int, upper: Int)] {
        var result: [(lower: Int, upper: Int)] = []
        for level in asked {
            guard level > 0, level < 1 else { throw .levelOutOfRange(level) }
            guard let trained = levels.firstIndex(where: { abs($0 - level) < 1e-9 }) else {
                throw .levelNotTrained(model: "lstm", level: level, trained: levels)
            }
            let c = levels[trained]
            guard let lower = quantiles.firstIndex(of: (1 - c) / 2), let upper = quantiles.firstIndex(of: (1 + c) / 2) else {
                throw .levelNotTrained(model: "lstm", level: level, trained: levels)
            }
            result.append((lower, upper))
        }
        return result
    }

    /// Throws `LSTMError.artifactMismatch` unless `quantiles` follow from `levels` and every
    /// head's outputs are whole blocks of O.
    func check(headOutputs: [Int]) throws(LSTMError) {
        let expected = try LSTMQuantileLayout(levels: levels)
        guard expected.quantiles == quantiles else {
            throw .artifactMismatch(field: "quantile_heads.quantiles", expected: "\(expected.quantiles)", got: "\(quantiles)")
        }
        guard headOutputs.allSatisfy({ $0 % outputsPerStep == 0 }) else {
            throw .artifactMismatch(field: "architecture.headOutputs", expected: "multiples of \(outputsPerStep) (a point and \(quantiles.count) quantile paths per head)",
                                    got: "\(headOutputs)")
        }
    }
}
