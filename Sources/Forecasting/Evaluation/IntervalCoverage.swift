import Series

/// Coverage of prediction intervals (docs/EVALUATION.md, "Interval coverage"): for
/// horizon h (k steps) and coverage level c, the share of the part's origins t whose
/// target lies inside the interval of step k,
///
///     coverage[h][c] = |{t ∈ O_h : lower_c(t, k) ≤ s_{t+k} ≤ upper_c(t, k)}| / |O_h|
///
/// on the same origins O_h and targets as the part's MAE (bounds and targets in the plan's
/// scaled units; min-max scaling is monotone, so the share is the same in original units).
public enum IntervalCoverage {
    /// The levels reported by `Evaluator` and `FittedModelArtifact.score`: 80 % and 95 %.
    public static let defaultLevels: [Double] = [0.8, 0.95]

    /// Share of `targets[i]` inside [lower[i], upper[i]] (bounds included); NaN when empty.
    public static func share(lower: [Double], upper: [Double], targets: [Double]) -> Double {
        precondition(lower.count == targets.count && upper.count == targets.count, "one interval per target")
        guard !targets.isEmpty else { return .nan }
        let inside = targets.indices.filter { lower[$0] <= targets[$0] && targets[$0] <= upper[$0] }.count
        return Double(inside) / Double(targets.count)
    }

    /// `coverage[minutes][level]` of `part` of `plan`: `intervals[i]` from origin
    /// t = `part.allOrigins(on: plan).lowerBound + i`, reaching at least the longest
    /// horizon's steps, at the levels it was asked for. Horizons without origins are left out.
    /// Keys: minutes as in `EvaluationReport.horizons` ("15"), levels as written by Swift ("0.8").
    public static func coverage(_ intervals: [PathIntervals], on plan: EvaluationPlan, part: ScoredPart) -> [String: [String: Double]] {
        var result: [String: [String: Double]] = [:]
        guard let levels = intervals.first?.levels else { return result }
        for horizon in plan.horizons {
            let origins = part.origins(on: plan, steps: horizon.steps)
            guard !origins.isEmpty else { continue }
            let k = horizon.steps
            let targets = origins.map { plan.scaled.values[$0 + k] }
            var byLevel: [String: Double] = [:]
            for (l, level) in levels.enumerated() {
                let used = intervals.prefix(origins.count)
                byLevel[levelKey(level)] = share(lower: used.map { $0.lower[l][k - 1] }, upper: used.map { $0.upper[l][k - 1] }, targets: targets)
            }
            result[String(horizon.minutes)] = byLevel
        }
        return result
    }

    /// The key of a level in `coverage`: 0.8 → "0.8", 0.95 → "0.95".
    public static func levelKey(_ level: Double) -> String { String(level) }

    /// A level as percent text, to 0.1 %: 0.8 → "80", 0.975 → "97.5" (metric names, tables).
    public static func percentText(_ level: Double) -> String {
        let percent = (level * 1000).rounded() / 10
        return percent == percent.rounded() ? String(Int(percent)) : String(percent)
    }

    /// `model`'s coverage of `part`, when it gives intervals (`IntervalForecaster`); nil
    /// for a model that does not. `origins` are the part's origins of the shortest horizon.
    static func coverage(
        of model: some FittedForecaster, on plan: EvaluationPlan, part: ScoredPart, levels: [Double] = defaultLevels
    ) throws -> [String: [String: Double]]? {
        guard let intervalModel = model as? any IntervalForecaster, !levels.isEmpty else { return nil }
        let maxSteps = plan.horizons.map(\.steps).max() ?? 1
        let intervals = try intervalModel.rollingIntervals(
            over: plan.scaled, origins: part.allOrigins(on: plan), steps: maxSteps, levels: levels)
        return coverage(intervals, on: plan, part: part)
    }
}
