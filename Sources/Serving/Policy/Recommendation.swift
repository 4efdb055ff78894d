/// What a resource will need: its current usage and its forecasts (series units).
public struct ResourceDemand: Sendable, Equatable {
    public var resource: String
    /// The latest observed usage; counts as horizon 0.
    public var current: Double?
    public var forecasts: [HorizonForecast]

    public init(resource: String, current: Double?, forecasts: [HorizonForecast]) {
        self.resource = resource
        self.current = current
        self.forecasts = forecasts
    }
}

/// Why a resource asks for a number of replicas: one metric at one horizon.
public struct ScalingReason: Sendable, Equatable, Codable {
    public var metric: String
    /// 0 for the current usage.
    public var horizonMinutes: Double
    public var forecast: Double
    /// The forecast with headroom, d.
    public var demand: Double
    /// ⌈d / (c·u)⌉ before bounds.
    public var replicasNeeded: Int
    /// The rule in words, e.g. "margin 10 %, capacity 1 per replica at 80 %".
    public var rule: String

    public init(metric: String, horizonMinutes: Double, forecast: Double, demand: Double, replicasNeeded: Int, rule: String) {
        self.metric = metric
        self.horizonMinutes = horizonMinutes
        self.forecast = forecast
        self.demand = demand
        self.replicasNeeded = replicasNeeded
        self.rule = rule
    }

    enum CodingKeys: String, CodingKey {
        case metric, horizonMinutes = "horizon_minutes", forecast, demand, replicasNeeded = "replicas_needed", rule
    }
}

/// A decision: how many replicas, what changed, and why.
public struct Recommendation: Sendable, Equatable, Codable {
    public enum Action: String, Sendable, Codable { case scaleUp = "scale_up", scaleDown = "scale_down", hold }

    public var replicas: Int
    public var current: Int
    public var action: Action
    /// The binding reason first (the largest need), then the others.
    public var reasons: [ScalingReason]
    /// What shaped the final number after sizing (bounds, stabilisation, step, cooldown, threshold).
    public var adjustments: [String]
    public var time: Double
}

/// What the policy remembers between decisions.
public struct ScalingState: Sendable, Equatable {
    public var replicas: Int
    /// Time of the last change of replicas (nil: none yet).
    public var lastChange: Double?
    /// (time, replicas wanted) of recent decisions, for the stabilisation window.
    public var recentDesired: [DesiredRecord]

    public struct DesiredRecord: Sendable, Equatable {
        public var time: Double
        public var replicas: Int
    }

    public init(replicas: Int, lastChange: Double? = nil, recentDesired: [DesiredRecord] = []) {
        self.replicas = replicas
        self.lastChange = lastChange
        self.recentDesired = recentDesired
    }
}
