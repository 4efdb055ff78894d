import Series

/// The model's own normalisation on top of the evaluation's min–max scaling (see
/// `LevelMode`): `scale` is σ_Δ, the standard deviation of the training part's first
/// differences (1 in `.absolute` mode), fitted on train only.
public struct LevelNormalization: Codable, Sendable, Equatable {
    public let mode: LevelMode
    public let scale: Double

    public init(mode: LevelMode, scale: Double) {
        self.mode = mode
        self.scale = scale
    }

    /// σ_Δ of the first differences d_k = s_k − s_{k−1} over `train`, by `estimator`
    /// (floored at 1e-6 for flat series):
    /// - standard deviation of d;
    /// - 1.4826·median |d − median d| (robust to bursts; when more than half the changes
    ///   are zero it falls back to the mean absolute deviation from the median).
    public init(mode: LevelMode, estimator: ScaleEstimator = .standardDeviation, fittingOn train: ArraySlice<Double>) {
        guard mode == .relativeToLast, train.count > 2 else {
            self.init(mode: mode, scale: 1)
            return
        }
        let values = Array(train)
        let diffs = (1..<values.count).map { values[$0] - values[$0 - 1] }
        let scale: Double
        switch estimator {
        case .standardDeviation:
            let mean = diffs.reduce(0, +) / Double(diffs.count)
            scale = (diffs.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(diffs.count)).squareRoot()
        case .medianAbsoluteDeviation:
            let center = median(diffs)
            let deviations = diffs.map { abs($0 - center) }
            let mad = 1.4826 * median(deviations)
            scale = mad > 1e-6 ? mad : deviations.reduce(0, +) / Double(deviations.count)
        }
        self.init(mode: mode, scale: max(scale, 1e-6))
    }

    /// The level a window is taken relative to: s_t, or 0 in absolute mode.
    func anchor(_ last: Double) -> Double { mode == .relativeToLast ? last : 0 }
}

/// How a feature column is normalised per window: `level` columns become
/// (x − s_t)/σ_Δ, `change` columns x/σ_Δ, `plain` ones (calendar) stay.
enum ColumnRole: Equatable {
    case level, change, plain

    init(name: String) {
        if name == "value" || name.hasPrefix("lag_") || name.hasPrefix("rolling_mean_")
            || name.hasPrefix("rolling_min_") || name.hasPrefix("rolling_max_") {
            self = .level
        } else if name == "diff" || name.hasPrefix("rolling_std_") {
            self = .change
        } else {
            self = .plain
        }
    }
}

/// Network inputs and targets cut from one series: its feature matrix (built by
/// `Series.FeatureBuilder`, causal: row k reads s_0 … s_k), the selected columns and
/// the level normalisation.
///
/// For origin t and window L, sample b of a batch is
///
///     X[j, b, c] = (F[t − L + 1 + j, col_c] − a_c·s_t) / d_c      j = 0 … L−1   (time-major [L × B × C])
///     Y_k[b, j]  = (s_{t+1+j} − s_t·[relative]) / σ_Δ              j = 0 … h_k − 1
///
/// with a_c = 1 for level columns in relative mode (else 0), d_c = σ_Δ for level and
/// change columns (1 in absolute mode), 1 for calendar columns. Rows before 0 repeat row 0.
///
/// With an input step k > 1 (`LSTMConfiguration.inputStep`), the network reads S = ⌈L/k⌉
/// steps, step j being the mean of the k rows ending at e_j = t − (S − 1 − j)·k:
///
///     X[j, b, c] = (mean_{r = e_j−k+1 … e_j} F[r, col_c] − a_c·s_t) / d_c      j = 0 … S−1
///
/// k = 1 is the formula above, computed by the same code path as before blocks existed.
struct LSTMInputs {
    let values: [Double]
    let matrix: FeatureMatrix
    let columns: [Int]
    let roles: [ColumnRole]
    /// L, the window in grid steps.
    let window: Int
    /// k, grid steps per network step.
    let step: Int
    let normalization: LevelNormalization

    init(series: RegularSeries, features: LSTMFeatureSpec, window: Int, step: Int = 1, normalization: LevelNormalization) throws {
        values = series.values
        let matrix = try FeatureBuilder.build(series, spec: features.seriesSpec())
        var columns: [Int] = []
        for name in features.columns ?? matrix.names {
            guard let c = matrix.names.firstIndex(of: name) else {
                throw LSTMError.unknownFeature(name: name, known: matrix.names)
            }
            columns.append(c)
        }
        self.matrix = matrix
        self.columns = columns
        roles = columns.map { ColumnRole(name: matrix.names[$0]) }
        self.window = window
        self.step = max(step, 1)
        self.normalization = normalization
    }

    var featureCount: Int { columns.count }

    /// S, the network's sequence length: ⌈L / k⌉.
    var steps: Int { (window + step - 1) / step }

    /// Writes the windows ending at `origins` into `x` [S × B × C], as batch columns
    /// `offset` … `offset + origins.count − 1` of a batch of B = `batch` (default: the whole
    /// batch is these origins). Global training fills one batch from several series this way.
    func gather(origins: ArraySlice<Int>, into x: UnsafeMutablePointer<Float>, batch: Int? = nil, offset: Int = 0) {
        guard step == 1 else { return gatherBlocks(origins: origins, into: x, batch: batch ?? origins.count, offset: offset) }
        let b0 = batch ?? origins.count, cCount = columns.count, width = matrix.columns
        let relative = normalization.mode == .relativeToLast
        let inverse = 1 / normalization.scale
        for (b, t) in origins.enumerated() {
            let anchor = normalization.anchor(values[t])
            for j in 0..<window {
                let row = max(t - window + 1 + j, 0)
                let dst = x + (j * b0 + offset + b) * cCount
                for (c, column) in columns.enumerated() {
                    let v = matrix.values[row * width + column]
                    switch roles[c] {
                    case .level: dst[c] = Float(relative ? (v - anchor) * inverse : v)
                    case .change: dst[c] = Float(relative ? v * inverse : v)
                    case .plain: dst[c] = Float(v)
                    }
                }
            }
        }
    }

    /// The k > 1 case of `gather`: each network step is the mean of k rows (see the type).
    private func gatherBlocks(origins: ArraySlice<Int>, into x: UnsafeMutablePointer<Float>, batch b0: Int, offset: Int) {
        let cCount = columns.count, width = matrix.columns, s = steps
        let relative = normalization.mode == .relativeToLast
        let inverse = 1 / normalization.scale
        let share = 1 / Double(step)
        var sums = [Double](repeating: 0, count: cCount)
        for (b, t) in origins.enumerated() {
            let anchor = normalization.anchor(values[t])
            for j in 0..<s {
                let end = t - (s - 1 - j) * step
                for c in 0..<cCount { sums[c] = 0 }
                for r in (end - step + 1)...end {
                    let row = max(r, 0) * width
                    for (c, column) in columns.enumerated() { sums[c] += matrix.values[row + column] }
                }
                let dst = x + (j * b0 + offset + b) * cCount
                for c in 0..<cCount {
                    let v = sums[c] * share
                    switch roles[c] {
                    case .level: dst[c] = Float(relative ? (v - anchor) * inverse : v)
                    case .change: dst[c] = Float(relative ? v * inverse : v)
                    case .plain: dst[c] = Float(v)
                    }
                }
            }
        }
    }

    /// Writes the targets of head paths of length `steps` for `origins` into `y` [B × steps],
    /// as rows `offset` … `offset + origins.count − 1` (see `gather`).
    func gatherTargets(origins: ArraySlice<Int>, steps: Int, into y: UnsafeMutablePointer<Float>, offset: Int = 0) {
        let inverse = 1 / normalization.scale
        for (b, t) in origins.enumerated() {
            let anchor = normalization.anchor(values[t])
            for j in 0..<steps { y[(offset + b) * steps + j] = Float((values[t + 1 + j] - anchor) * inverse) }
        }
    }

    /// ŝ_{t+1+j} from a network output ŷ_j for origin t.
    func forecast(origin t: Int, output: Float) -> Double {
        normalization.anchor(values[t]) + Double(output) * normalization.scale
    }
}

/// How σ_Δ, the scale of the level-relative inputs and targets, is estimated.
public enum ScaleEstimator: String, Codable, Sendable, Hashable {
    case standardDeviation = "std"
    case medianAbsoluteDeviation = "mad"
}

private func median(_ xs: [Double]) -> Double {
    let s = xs.sorted()
    guard !s.isEmpty else { return 0 }
    return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
}
