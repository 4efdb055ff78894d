import Forecasting
import Series

/// Coverage of our fitted model on the test part, computed here from `IntervalForecaster`
/// until `EvaluationReport.coverage` (the intervals part of issue 15) is on this branch;
/// the same shape: horizon minutes → level ("0.8", "0.95") → share of test targets
/// s_{t+h}, t ∈ [n_train + n_val, N − h), with lower ≤ s_{t+h} ≤ upper. Nil when the
/// fitted model does not give intervals.
enum OurCoverage {
    static let levels = [0.8, 0.95]

    static func coverage(of artifact: FittedModelArtifact, on plan: EvaluationPlan) throws -> [String: [String: Double]]? {
        guard let model = try artifact.state.model(conditionedOn: plan.scaled) as? any IntervalForecaster else { return nil }
        let origins = plan.allOrigins
        let steps = plan.horizons.map(\.steps).max() ?? 1
        let intervals = try model.rollingIntervals(over: plan.scaled, origins: origins, steps: steps, levels: levels)
        let s = plan.scaled.values
        var coverage: [String: [String: Double]] = [:]
        for horizon in plan.horizons {
            let horizonOrigins = plan.origins(steps: horizon.steps)
            for level in levels {
                var inside = 0
                for t in horizonOrigins {
                    guard let bounds = intervals[t - origins.lowerBound].interval(level: level) else {
                        throw BenchError("\(artifact.kind.name) gave no \(level) interval at origin \(t)")
                    }
                    let target = s[t + horizon.steps]
                    if bounds.lower[horizon.steps - 1] <= target, target <= bounds.upper[horizon.steps - 1] { inside += 1 }
                }
                coverage[String(horizon.minutes), default: [:]][String(level)] = Double(inside) / Double(horizonOrigins.count)
            }
        }
        return coverage
    }
}
