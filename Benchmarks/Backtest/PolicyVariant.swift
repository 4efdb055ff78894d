import Serving

/// One predictive policy of the sweep: HPA's footing (`BacktestSpec.defaultPolicy`) with
/// these four choices changed. Not tuned per trace: the same grid runs on every trace.
struct PolicyVariant: Hashable {
    /// nil: no headroom above the mean forecast; q: the forecast's q-quantile.
    let quantile: Double?
    /// u, the utilisation replicas are sized for.
    let target: Double
    /// true: horizons cover only the lead time (`leadHorizons`); false: 5, 15, 30 min.
    let leadOnly: Bool
    let includeCurrentUsage: Bool
    /// 300 (HPA's) or 0: scale down as soon as the forecasts allow.
    let stabilizationSeconds: Double

    var label: String {
        let headroom = quantile.map { "q\(format($0))" } ?? "mean"
        return "\(headroom) u\(format(target)) \(leadOnly ? "lead" : "5/15/30") \(includeCurrentUsage ? "+now" : "-now") stab\(Int(stabilizationSeconds))"
    }

    /// The policy file this variant is (keys of docs/formats/policy-yaml.md).
    func policy(leadHorizons: [Double]) -> ScalingPolicy {
        var policy = BacktestSpec.defaultPolicy
        var rule = policy.resources["demand"]!
        rule.headroom = quantile.map { .quantile($0) } ?? .margin(0)
        rule.targetUtilization = target
        policy.resources["demand"] = rule
        policy.behavior.horizonsMinutes = leadOnly ? leadHorizons : [5, 15, 30]
        policy.behavior.includeCurrentUsage = includeCurrentUsage
        policy.behavior.stabilizationSeconds = stabilizationSeconds
        return policy
    }

    /// Every combination: headroom {mean, q 0.9, 0.975} × u {0.8, 0.9, 1} ×
    /// horizons {lead, 5/15/30} × current usage {in, out} × stabilisation {300 s, 0}.
    /// The quantiles are those of the serving predictor's intervals (80 % and 95 %,
    /// `PredictionSpec.defaultLevels`), which every model with intervals gives (gbt only those).
    static let grid: [PolicyVariant] = [nil, 0.9, 0.975].flatMap { q in
        [0.8, 0.9, 1.0].flatMap { u in
            [true, false].flatMap { lead in
                [true, false].flatMap { now in
                    [300.0, 0].map { PolicyVariant(quantile: q, target: u, leadOnly: lead, includeCurrentUsage: now, stabilizationSeconds: $0) }
                }
            }
        }
    }

    /// Central-interval coverages the grid's quantiles need (2q − 1).
    static var levels: [Double] { Array(Set(grid.compactMap(\.quantile).map { 2 * $0 - 1 })).sorted() }
}

/// The horizons a decision controls when a new replica serves `delay` seconds after it is
/// asked for, on a grid of Δ seconds: h = Δ, 2Δ, …, m·Δ with m = max(1, ⌈delay/Δ⌉), in
/// minutes (a scale-down acts at the next point, a scale-up at point m).
func leadHorizons(delay: Double, interval: Double) -> [Double] {
    let m = max(1, Int((delay / interval - 1e-9).rounded(.up)))
    return (1...m).map { Double($0) * interval / 60 }
}

func format(_ x: Double) -> String {
    x == x.rounded() ? String(Int(x)) : String(x)
}
