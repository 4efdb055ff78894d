/// A replay's settings; every default is here (docs/formats/backtest-json.md).
public struct BacktestSpec: Sendable, Equatable {
    /// c, what one replica serves in the trace's units. Nil: mean demand / `replicasAtMeanDemand`.
    public var capacityPerReplica: Double?
    /// With no capacity given, the mean demand fills this many replicas exactly (4).
    public var replicasAtMeanDemand: Double = 4
    /// Seconds between asking for a replica and its serving (both strategies).
    public var startupDelaySeconds: Double = 60
    /// Grid points before the first decision (the models' first training data): one day of 5-min points.
    public var warmupPoints: Int = 288
    /// A `--model-type` model is refitted every this many decisions (one day at 5 min), on
    /// the data before the decision only.
    public var refitEvery: Int = 288
    /// A model is conditioned on at most this many latest points per decision (one week at 5 min).
    public var conditioningPoints: Int = 2016
    /// The predictive policy; its capacity per replica is replaced by c.
    public var policy: ScalingPolicy = BacktestSpec.defaultPolicy
    /// The policy's resource that sizes the trace's demand (nil: `demand`, else the only one).
    public var resource: String?
    /// Reactive HPA: target utilisation, tolerance, scale-down stabilisation. HPA's target
    /// is its own, not the predictive policy's, so a policy that takes its headroom from a
    /// forecast quantile (and a target of 1) is still compared with HPA at 0.8.
    public var hpaTargetUtilization: Double = 0.8
    public var hpaTolerance: Double = 0.1
    public var hpaStabilizationSeconds: Double = 300

    /// The predictive side on HPA's footing: the same target 0.8, no margin, the same 300 s
    /// scale-down stabilisation, unbounded scale-down steps and no cooldowns, so the two
    /// differ only in looking at forecasts (5, 15, 30 min) beside the current usage. Bounds 1…100.
    public static let defaultPolicy = ScalingPolicy(
        resources: ["demand": ResourcePolicy(targetUtilization: 0.8, headroom: .margin(0), maxReplicas: 100)],
        behavior: ScalingBehavior(stabilizationSeconds: 300, maxScaleDownStep: 100, scaleUpCooldownSeconds: 0, scaleDownCooldownSeconds: 0))

    public init() {}

    /// The policy's rule for the trace: `resource`, else `demand`, else the only resource.
    public func demandRule() throws -> ResourcePolicy {
        if let resource {
            guard let rule = policy.resources[resource] else {
                throw ServingError.badPolicyForBacktest(resources: policy.resources.keys.sorted())
            }
            return rule
        }
        if let rule = policy.resources["demand"] { return rule }
        guard policy.resources.count == 1, let only = policy.resources.values.first else {
            throw ServingError.badPolicyForBacktest(resources: policy.resources.keys.sorted())
        }
        return only
    }
}
