import Series

/// Central prediction intervals of one forecast path ŝ_{t+1} … ŝ_{t+steps}: for coverage
/// `levels[i]` (in (0, 1), e.g. 0.8) the bounds `lower[i][k]` ≤ `upper[i][k]` of ŝ_{t+k+1}.
/// Bounds may be asymmetric (quantile models give the (1 − c)/2 and (1 + c)/2 quantiles);
/// they are nested: for levels c₁ < c₂ the c₂ interval contains the c₁ interval, so
/// quantiles never cross. Shapes: `lower`, `upper` are levels.count × steps.
public struct PathIntervals: Sendable, Codable, Equatable {
    public var levels: [Double]
    public var lower: [[Double]]
    public var upper: [[Double]]

    public init(levels: [Double], lower: [[Double]], upper: [[Double]]) {
        precondition(lower.count == levels.count && upper.count == levels.count, "one row of bounds per level")
        self.levels = levels
        self.lower = lower
        self.upper = upper
    }

    /// Bounds for one coverage, or nil when it was not given.
    public func interval(level: Double) -> (lower: [Double], upper: [Double])? {
        guard let i = levels.firstIndex(where: { abs($0 - level) < 1e-12 }) else { return nil }
        return (lower[i], upper[i])
    }
}

/// A fitted model that gives prediction intervals from any origin, the way
/// `rollingForecasts` gives the point path; `Evaluator` uses it to report coverage (the
/// share of test targets inside the 80 % and 95 % intervals per horizon) and
/// `forecast --levels` to print bounds. Every model implements it: the ARIMA family and
/// the Prophet-style model from their forecast variance, models trained on quantiles
/// (pinball loss) from their quantile outputs, the others from residuals calibrated on
/// the validation part (docs/ARCHITECTURE.md, "Prediction intervals").
public protocol IntervalForecaster: FittedForecaster {
    /// For each origin t in `origins`, the intervals at `levels` of ŝ_{t+1} … ŝ_{t+steps},
    /// using s_0 … s_t only (the same causality rule as `rollingForecasts`). A model that
    /// was trained for fixed quantiles throws `IntervalError.levelNotTrained` for a level
    /// it cannot give.
    func rollingIntervals(over series: RegularSeries, origins: Range<Int>, steps: Int, levels: [Double]) throws -> [PathIntervals]
}

/// Why a model cannot give the intervals asked for.
public enum IntervalError: Error, Equatable, CustomStringConvertible {
    /// `level` is outside (0, 1).
    case levelOutOfRange(Double)
    /// The model was trained for the quantiles of `trained` only.
    case levelNotTrained(model: String, level: Double, trained: [Double])

    public var description: String {
        switch self {
        case .levelOutOfRange(let level):
            return "interval level \(level) is outside (0, 1); give coverages such as 0.8 or 0.95"
        case .levelNotTrained(let model, let level, let trained):
            let list = trained.map { String($0) }.joined(separator: ", ")
            return "\(model) was trained for the interval levels \(list) only, not \(level); add it to the model's interval levels (`levels` for nhits, `interval_levels` for gbt, `intervalLevels` for lstm) and fit again"
        }
    }
}
