import Series

/// Split-conformal prediction intervals from the signed residuals of a model on data it did
/// not fit its parameters on (the validation part; docs/ARCHITECTURE.md, "Prediction
/// intervals"). For the model's validation forecasts ŝ_{t+k} from origins
/// t ∈ [n_train, N − k) (N = the points `fit` saw), the residuals of step k are
/// e_{t,k} = s_{t+k} − ŝ_{t+k}. With e_(1) ≤ … ≤ e_(n) those of step k sorted, the bounds
/// of coverage c at step k are
///
///     lower = ŝ + e_(r_lo),   r_lo = max(1, ⌊(n + 1)(1 − c)/2⌋)
///     upper = ŝ + e_(r_hi),   r_hi = min(n, ⌈(n + 1)(1 + c)/2⌉)
///
/// the empirical (1 − c)/2 and (1 + c)/2 quantiles with the finite-sample correction
/// ⌈(n + 1)q⌉/n of split conformal prediction (for exchangeable residuals the interval
/// covers a new target with probability ≥ c when both ranks stay inside 1…n, i.e.
/// n ≥ 2/(1 − c) − 1: 9 residuals at 80 %, 39 at 95 %). Ranks are monotone in c, so the
/// intervals are nested and never cross.
///
/// Stored per level of `levels` (`standardLevels` by default) and step k = 1 … `steps`:
/// `lower[i][k−1]`, `upper[i][k−1]` (levels.count × steps), and `counts[k−1]` = n. A model
/// keeps this value in its fitted state (and so in its artifact) and gives intervals for
/// these levels and steps only.
public struct ResidualCalibration: Codable, Equatable, Sendable {
    /// Version of this stored form; a newer one does not load.
    public static let formatVersion = 1
    /// The coverages calibrated by default.
    public static let standardLevels: [Double] = [0.5, 0.8, 0.9, 0.95, 0.99]
    /// Steps calibrated when a model is fitted outside the catalog: 30 minutes of the
    /// protocol's 5-minute data (the catalog calibrates the steps of its context's horizons).
    public static let defaultSteps = 6

    public var formatVersion: Int
    public var levels: [Double]
    /// Residual quantiles added to the forecast: levels.count × steps.
    public var lower: [[Double]]
    public var upper: [[Double]]
    /// Residuals behind each step's quantiles.
    public var counts: [Int]

    enum CodingKeys: String, CodingKey {
        case formatVersion = "format_version", levels, lower, upper, counts
    }

    /// Steps calibrated (1 … `steps` ahead).
    public var steps: Int { counts.count }

    /// Conformal quantiles of `residuals[k−1]` (the signed residuals of step k, any order)
    /// at `levels`. Every step needs at least one residual; all must be finite.
    public init(residuals: [[Double]], levels: [Double] = Self.standardLevels) throws(ResidualCalibrationError) {
        for level in levels where !(level > 0 && level < 1) { throw .levelOutOfRange(level) }
        if let k = residuals.firstIndex(where: \.isEmpty) { throw .noResiduals(step: k + 1) }
        formatVersion = Self.formatVersion
        self.levels = levels
        counts = residuals.map(\.count)
        lower = Array(repeating: [], count: levels.count)
        upper = Array(repeating: [], count: levels.count)
        for (k, stepResiduals) in residuals.enumerated() {
            if let bad = stepResiduals.firstIndex(where: { !$0.isFinite }) {
                throw .nonFiniteResidual(step: k + 1, index: bad, value: stepResiduals[bad])
            }
            let sorted = stepResiduals.sorted()
            for (i, level) in levels.enumerated() {
                let ranks = Self.ranks(count: sorted.count, level: level)
                lower[i].append(sorted[ranks.lower - 1])
                upper[i].append(sorted[ranks.upper - 1])
            }
        }
    }

    /// The 1-based ranks (r_lo, r_hi) of the bounds of coverage `level` among n residuals.
    /// (n + 1)(1 ∓ c)/2 is rounded after a 1e-9 nudge toward the exact value, so that
    /// 20 · 0.1 computed as 1.9999999999999996 still floors to 2.
    public static func ranks(count n: Int, level: Double) -> (lower: Int, upper: Int) {
        let m = Double(n + 1)
        let lower = max(1, Int((m * (1 - level) / 2 + 1e-9).rounded(.down)))
        let upper = min(n, Int((m * (1 + level) / 2 - 1e-9).rounded(.up)))
        return (min(lower, n), max(upper, 1))
    }

    /// Calibrates `model` (fitted on `data` without fitting its parameters on the points
    /// after `data.trainCount`) on the validation part of `data`: one
    /// `rollingForecasts(over: data.series, origins: t₀ ..< N − 1, steps:)` call, t₀ =
    /// max(n_train, `firstOrigin`) (a model that needs a longer history, like snaive's
    /// season, names its first possible origin); step k uses the origins with t + k ≤ N − 1.
    /// Steps with no validation target are dropped, so fewer than `steps` may be
    /// calibrated; nil when there is no validation target.
    public static func calibrate(
        _ model: some FittedForecaster, on data: FitData, steps: Int, levels: [Double] = standardLevels, firstOrigin: Int = 0
    ) throws -> ResidualCalibration? {
        let n = data.series.count
        let start = max(data.trainCount, firstOrigin)
        let calibrated = min(steps, n - 1 - start)
        guard calibrated >= 1 else { return nil }
        let origins = start..<(n - 1)
        let paths = try model.rollingForecasts(over: data.series, origins: origins, steps: calibrated)
        let y = data.series.values
        let residuals = (1...calibrated).map { k in
            zip(origins, paths).compactMap { t, path in t + k < n ? y[t + k] - path[k - 1] : nil }
        }
        return try ResidualCalibration(residuals: residuals, levels: levels)
    }

    /// The intervals around each forecast path (one per origin) at `levels`, each level
    /// one of the calibrated ones and every path at most `steps` long. `model` names the
    /// model in errors.
    public func intervals(around paths: [[Double]], levels requested: [Double], model: String) throws -> [PathIntervals] {
        let rows = try requested.map { level throws -> Int in
            guard level > 0 && level < 1 else { throw IntervalError.levelOutOfRange(level) }
            guard let i = levels.firstIndex(where: { abs($0 - level) < 1e-12 }) else {
                throw ResidualCalibrationError.levelNotCalibrated(model: model, level: level, calibrated: levels)
            }
            return i
        }
        if let long = paths.first(where: { $0.count > steps }) {
            throw ResidualCalibrationError.stepsNotCalibrated(model: model, steps: long.count, calibrated: steps)
        }
        return paths.map { path in
            PathIntervals(
                levels: requested,
                lower: rows.map { i in path.indices.map { path[$0] + lower[i][$0] } },
                upper: rows.map { i in path.indices.map { path[$0] + upper[i][$0] } })
        }
    }

    /// Refuses a stored form of a newer version or with parts of the wrong shape.
    public func check() throws(ResidualCalibrationError) {
        guard formatVersion >= 1, formatVersion <= Self.formatVersion else {
            throw .unsupportedFormatVersion(found: formatVersion, supported: Self.formatVersion)
        }
        let shapes = [lower.count, upper.count] + lower.map(\.count) + upper.map(\.count)
        guard lower.count == levels.count, upper.count == levels.count, shapes.dropFirst(2).allSatisfy({ $0 == counts.count }) else {
            throw .malformed("\(levels.count) levels and \(counts.count) steps, but lower/upper of shapes \(lower.map(\.count))/\(upper.map(\.count))")
        }
    }
}

/// Why residuals cannot be calibrated, or a calibration cannot give what is asked.
public enum ResidualCalibrationError: Error, Equatable, CustomStringConvertible {
    case levelOutOfRange(Double)
    case noResiduals(step: Int)
    case nonFiniteResidual(step: Int, index: Int, value: Double)
    case stepsNotCalibrated(model: String, steps: Int, calibrated: Int)
    case levelNotCalibrated(model: String, level: Double, calibrated: [Double])
    /// A fitted state written before calibration existed (or fitted without a validation part).
    case notCalibrated(model: String)
    case unsupportedFormatVersion(found: Int, supported: Int)
    case malformed(String)

    public var description: String {
        switch self {
        case .levelOutOfRange(let level):
            return "calibration level \(level) is outside (0, 1); give coverages such as 0.8 or 0.95"
        case .noResiduals(let step):
            return "no validation residual for step \(step); give the fit a validation part longer than \(step) points"
        case .nonFiniteResidual(let step, let index, let value):
            return "validation residual \(index) of step \(step) is \(value); the model's validation forecasts are not finite (it diverged)"
        case .stepsNotCalibrated(let model, let steps, let calibrated):
            return "\(model) was calibrated for \(calibrated) steps ahead, not \(steps); fit it for forecasts of \(steps) steps (a longer horizon) or ask for fewer steps"
        case .levelNotCalibrated(let model, let level, let calibrated):
            let list = calibrated.map { String($0) }.joined(separator: ", ")
            return "\(model) calibrates its intervals at the coverages \(list), not \(level); choose one of them"
        case .notCalibrated(let model):
            return "this \(model) model has no residual calibration (fitted before intervals were calibrated, or without a validation part); fit it again to get intervals"
        case .unsupportedFormatVersion(let found, let supported):
            return "residual calibration format \(found) is newer than this build reads (\(supported)); update autoscale"
        case .malformed(let reason):
            return "residual calibration does not fit together: \(reason)"
        }
    }
}
