import Foundation

/// The scaling rule: pure and deterministic, time passed in.
///
/// For each resource i with capacity c_i per replica and target u_i, and each horizon h
/// (the current usage is h = 0, left out when `includeCurrentUsage` is false and there
/// are forecasts): d = ŷ_h with headroom, n_{i,h} = ⌈d / (c_i·u_i)⌉.
/// Wanted w = max n_{i,h}, clamped to [min, max] replicas. Then, with current r:
///
/// - w > r: scale up to w at once, unless within the scale-up cooldown of the last change;
/// - w < r: scale down to s = max of the wanted counts over the stabilisation window
///   (this one included), to no fewer than r − maxScaleDownStep, only outside the
///   scale-down cooldown and, if set, only when the demand at r replicas is below the
///   resource's scale-down utilisation;
/// - otherwise hold.
public enum PolicyEngine {
    public static func recommend(
        policy: ScalingPolicy, demands: [ResourceDemand], state: ScalingState, now: Double
    ) -> (recommendation: Recommendation, state: ScalingState) {
        let behavior = policy.behavior
        let reasons = demands.flatMap { reasonsFor($0, policy: policy) }.sorted { $0.replicasNeeded > $1.replicasNeeded }
        let bounds = policy.replicaBounds
        var adjustments: [String] = []
        let needed = reasons.first?.replicasNeeded ?? state.replicas
        let wanted = min(max(needed, bounds.lowerBound), bounds.upperBound)
        if wanted != needed { adjustments.append("bounded to \(bounds.lowerBound)…\(bounds.upperBound) replicas (wanted \(needed))") }

        var next = state
        next.recentDesired.append(.init(time: now, replicas: wanted))
        next.recentDesired.removeAll { now - $0.time > behavior.stabilizationSeconds }
        let current = state.replicas
        let sinceChange = state.lastChange.map { now - $0 } ?? .infinity
        var target = current
        if wanted > current {
            if sinceChange < behavior.scaleUpCooldownSeconds {
                adjustments.append("scale-up cooldown: \(ServingError.format(sinceChange)) s since the last change < \(ServingError.format(behavior.scaleUpCooldownSeconds)) s")
            } else {
                target = wanted
            }
        } else if wanted < current {
            let stabilized = next.recentDesired.map(\.replicas).max() ?? wanted
            let stepped = max(stabilized, current - behavior.maxScaleDownStep)
            if stabilized > wanted { adjustments.append("stabilisation: largest wanted in \(ServingError.format(behavior.stabilizationSeconds)) s is \(stabilized)") }
            if stepped > stabilized { adjustments.append("scale-down step: at most \(behavior.maxScaleDownStep) per decision") }
            if sinceChange < behavior.scaleDownCooldownSeconds {
                adjustments.append("scale-down cooldown: \(ServingError.format(sinceChange)) s since the last change < \(ServingError.format(behavior.scaleDownCooldownSeconds)) s")
            } else if let blocking = aboveScaleDownThreshold(demands: demands, policy: policy, replicas: current) {
                adjustments.append(blocking)
            } else {
                target = min(stepped, current)
            }
        }
        let action: Recommendation.Action = target > current ? .scaleUp : target < current ? .scaleDown : .hold
        if target != current {
            next.replicas = target
            next.lastChange = now
        }
        return (Recommendation(replicas: target, current: current, action: action, reasons: reasons, adjustments: adjustments, time: now), next)
    }

    /// One reason per horizon of the resource, and one for its current usage unless the
    /// policy leaves it out (`includeCurrentUsage` false) and some horizon has a forecast.
    static func reasonsFor(_ demand: ResourceDemand, policy: ScalingPolicy) -> [ScalingReason] {
        guard let rule = policy.resources[demand.resource] else { return [] }
        let perReplica = rule.capacityPerReplica * rule.targetUtilization
        var reasons: [ScalingReason] = []
        func add(_ minutes: Double, _ value: Double, _ withHeadroom: Double, _ how: String) {
            let replicas = Int((withHeadroom / perReplica - 1e-9).rounded(.up))
            reasons.append(ScalingReason(metric: demand.resource, horizonMinutes: minutes, forecast: value, demand: withHeadroom,
                                         replicasNeeded: max(replicas, 0),
                                         rule: "\(how), capacity \(ServingError.format(rule.capacityPerReplica)) per replica at \(ServingError.format(rule.targetUtilization * 100)) %"))
        }
        let forecasts = demand.forecasts.filter { forecast in policy.behavior.horizonsMinutes.contains { abs($0 - forecast.minutes) < 1e-9 } }
        if let current = demand.current {
            if policy.behavior.includeCurrentUsage {
                add(0, current, current, "current usage")
            } else if forecasts.isEmpty {
                add(0, current, current, "current usage (no forecast at the policy's horizons)")
            }
        }
        for forecast in forecasts {
            switch rule.headroom {
            case .margin(let margin):
                add(forecast.minutes, forecast.value, forecast.value * (1 + margin), "forecast + margin \(ServingError.format(margin * 100)) %")
            case .quantile(let q):
                if let level = rule.headroom.intervalLevel, let upper = forecast.upper(level: level) {
                    add(forecast.minutes, forecast.value, max(upper, forecast.value), "forecast quantile \(ServingError.format(q))")
                } else {
                    add(forecast.minutes, forecast.value, forecast.value, "forecast (the model gives no \(ServingError.format(q)) quantile)")
                }
            }
        }
        return reasons
    }

    /// Why a scale-down is refused by a resource's scale-down utilisation, if it is:
    /// the largest demand of that resource at `replicas` replicas is at or above it.
    static func aboveScaleDownThreshold(demands: [ResourceDemand], policy: ScalingPolicy, replicas: Int) -> String? {
        for demand in demands {
            guard let rule = policy.resources[demand.resource], let threshold = rule.scaleDownUtilization else { continue }
            let peak = reasonsFor(demand, policy: policy).map(\.demand).max() ?? 0
            let utilization = peak / (Double(replicas) * rule.capacityPerReplica)
            if utilization >= threshold {
                return "no scale-down: \(demand.resource) at \(replicas) replicas is \(ServingError.format((utilization * 1000).rounded() / 10)) % ≥ \(ServingError.format(threshold * 100)) %"
            }
        }
        return nil
    }
}
