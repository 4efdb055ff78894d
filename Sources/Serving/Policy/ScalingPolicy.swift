/// How replicas follow forecasts, per resource and overall. Every default lives here;
/// `Configs/policy.yaml` writes only what differs (docs/formats/policy-yaml.md).
///
/// The original design's rule "scale up above 0.8 utilisation, down below 0.3" is the
/// configuration `target_utilization: 0.8`, `scale_down_utilization: 0.3` of a resource.
public struct ScalingPolicy: Sendable, Equatable, Codable {
    public static let formatVersion = 1

    /// Policy per resource name (a metric such as `cpu`, or `demand` in a backtest).
    public var resources: [String: ResourcePolicy]
    public var behavior: ScalingBehavior

    public init(resources: [String: ResourcePolicy] = ["cpu": ResourcePolicy()], behavior: ScalingBehavior = ScalingBehavior()) {
        self.resources = resources
        self.behavior = behavior
    }

    /// Replica bounds over all resources: the largest minimum and the smallest maximum.
    public var replicaBounds: ClosedRange<Int> {
        let low = resources.values.map(\.minReplicas).max() ?? ResourcePolicy.defaultMinReplicas
        let high = resources.values.map(\.maxReplicas).min() ?? ResourcePolicy.defaultMaxReplicas
        return low...max(low, high)
    }
}

/// The sizing rule of one resource: replicas r such that demand with headroom ≤ r·c·u,
/// i.e. r = ⌈d / (c·u)⌉ with c = capacity per replica and u = target utilisation.
public struct ResourcePolicy: Sendable, Equatable, Codable {
    public static let defaultMinReplicas = 1
    public static let defaultMaxReplicas = 20

    /// u ∈ (0, 1]: the utilisation replicas are sized for; above it, scale up.
    public var targetUtilization: Double = 0.8
    /// Scale down only when the demand at the current replicas is below this utilisation
    /// (nil: whenever fewer replicas suffice at the target).
    public var scaleDownUtilization: Double? = nil
    public var headroom: Headroom = .margin(0.1)
    /// c: what one replica serves, in the resource's units (cores, bytes, bytes/s, …).
    public var capacityPerReplica: Double = 1
    public var minReplicas: Int = ResourcePolicy.defaultMinReplicas
    public var maxReplicas: Int = ResourcePolicy.defaultMaxReplicas

    public init(targetUtilization: Double = 0.8, scaleDownUtilization: Double? = nil, headroom: Headroom = .margin(0.1),
                capacityPerReplica: Double = 1, minReplicas: Int = ResourcePolicy.defaultMinReplicas,
                maxReplicas: Int = ResourcePolicy.defaultMaxReplicas) {
        self.targetUtilization = targetUtilization
        self.scaleDownUtilization = scaleDownUtilization
        self.headroom = headroom
        self.capacityPerReplica = capacityPerReplica
        self.minReplicas = minReplicas
        self.maxReplicas = maxReplicas
    }
}

/// Extra demand planned for above the point forecast.
public enum Headroom: Sendable, Equatable, Codable {
    /// d = ŷ·(1 + margin).
    case margin(Double)
    /// d = the forecast's q-quantile, the upper end of its central interval of level
    /// 2q − 1 (q = 0.9 → the 80 % interval); ŷ when the model gives no such interval.
    case quantile(Double)

    /// The central-interval level whose upper end is the q-quantile, 2q − 1 (rounded to
    /// 9 decimals, so q = 0.8 asks for level 0.6 and not 0.6000000000000001).
    public var intervalLevel: Double? {
        if case .quantile(let q) = self { return ((2 * q - 1) * 1e9).rounded() / 1e9 }
        return nil
    }
}

/// When replica changes may happen. Times in seconds.
public struct ScalingBehavior: Sendable, Equatable, Codable {
    /// Scale down to the largest recommendation of this window (Kubernetes HPA: 300 s).
    public var stabilizationSeconds: Double = 300
    /// At most this many replicas removed per decision.
    public var maxScaleDownStep: Int = 2
    /// No scale-up within this time after the last change.
    public var scaleUpCooldownSeconds: Double = 0
    /// No scale-down within this time after the last change.
    public var scaleDownCooldownSeconds: Double = 300
    /// Forecast horizons (minutes) the policy looks at. To size for the demand when new
    /// replicas serve, cover the lead time: every decision interval D up to the start-up
    /// delay, h = D, 2D, …, ⌈delay / D⌉·D (a scale-down acts at once, a scale-up after the delay).
    public var horizonsMinutes: [Double] = [5, 15, 30]
    /// Whether the current usage counts as horizon 0 beside the forecasts (true: never size
    /// below what is used now, as reactive scaling does; false: size for the forecasts only,
    /// so replicas can go down as soon as every horizon's forecast fits in fewer). With no
    /// forecast at a decision the current usage counts either way.
    public var includeCurrentUsage: Bool = true

    public init(stabilizationSeconds: Double = 300, maxScaleDownStep: Int = 2, scaleUpCooldownSeconds: Double = 0,
                scaleDownCooldownSeconds: Double = 300, horizonsMinutes: [Double] = [5, 15, 30], includeCurrentUsage: Bool = true) {
        self.stabilizationSeconds = stabilizationSeconds
        self.maxScaleDownStep = maxScaleDownStep
        self.scaleUpCooldownSeconds = scaleUpCooldownSeconds
        self.scaleDownCooldownSeconds = scaleDownCooldownSeconds
        self.horizonsMinutes = horizonsMinutes
        self.includeCurrentUsage = includeCurrentUsage
    }
}
