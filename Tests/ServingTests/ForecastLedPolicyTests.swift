import Serving
import Testing

/// A policy led by forecasts (`include_current_usage: false`, quantile headroom, no
/// stabilisation) on hand-made cases: c = 1 per replica, u = 1, answers by hand.
@Suite struct ForecastLedPolicyTests {
    static func policy(includeCurrentUsage: Bool, headroom: Headroom = .margin(0), stabilization: Double = 0) -> ScalingPolicy {
        ScalingPolicy(resources: ["cpu": ResourcePolicy(targetUtilization: 1, headroom: headroom, maxReplicas: 50)],
                      behavior: ScalingBehavior(stabilizationSeconds: stabilization, maxScaleDownStep: 50, scaleDownCooldownSeconds: 0,
                                                horizonsMinutes: [5], includeCurrentUsage: includeCurrentUsage))
    }

    /// Current usage `now`, a 5-min forecast `mean` with an 80 % interval ending at `upper`.
    static func demand(now: Double, mean: Double?, upper: Double? = nil) -> [ResourceDemand] {
        let forecasts = mean.map { [HorizonForecast(minutes: 5, steps: 1, timestamp: 300, value: $0,
                                                    intervals: upper.map { [ForecastInterval(level: 0.8, lower: 0, upper: $0)] } ?? [])] } ?? []
        return [ResourceDemand(resource: "cpu", current: now, forecasts: forecasts)]
    }

    @Test func withoutCurrentUsageTheForecastAloneSizesAndCanScaleDown() {
        // now 9.5 (⌈9.5⌉ = 10), forecast 3.2 (⌈3.2⌉ = 4) from 10 replicas: the forecast alone → 4.
        let led = PolicyEngine.recommend(policy: Self.policy(includeCurrentUsage: false), demands: Self.demand(now: 9.5, mean: 3.2),
                                         state: ScalingState(replicas: 10), now: 600)
        #expect(led.recommendation.replicas == 4 && led.recommendation.action == .scaleDown)
        #expect(led.recommendation.reasons.map(\.horizonMinutes) == [5])
        // With the current usage counting (the default), max(10, 4) = 10: hold.
        let reactive = PolicyEngine.recommend(policy: Self.policy(includeCurrentUsage: true), demands: Self.demand(now: 9.5, mean: 3.2),
                                              state: ScalingState(replicas: 10), now: 600)
        #expect(reactive.recommendation.replicas == 10 && reactive.recommendation.action == .hold)
        #expect(reactive.recommendation.reasons.map(\.horizonMinutes) == [0, 5])
    }

    @Test func withNoForecastTheCurrentUsageStillCounts() {
        // No forecast (model warming up): ⌈6.5⌉ = 7 from 2 replicas, said so in the rule.
        let r = PolicyEngine.recommend(policy: Self.policy(includeCurrentUsage: false), demands: Self.demand(now: 6.5, mean: nil),
                                       state: ScalingState(replicas: 2), now: 0).recommendation
        #expect(r.replicas == 7 && r.reasons.count == 1)
        #expect(r.reasons[0].rule == "current usage (no forecast at the policy's horizons), capacity 1 per replica at 100 %")
    }

    @Test func theUpperQuantileIsTheHeadroom() {
        // q = 0.9 → the 80 % interval's upper end 5.3 → ⌈5.3⌉ = 6, not ⌈4.1⌉ = 5 of the mean.
        let r = PolicyEngine.recommend(policy: Self.policy(includeCurrentUsage: false, headroom: .quantile(0.9)),
                                       demands: Self.demand(now: 1, mean: 4.1, upper: 5.3), state: ScalingState(replicas: 1), now: 0).recommendation
        #expect(r.replicas == 6 && r.reasons[0].demand == 5.3 && r.reasons[0].forecast == 4.1)
        #expect(Headroom.quantile(0.8).intervalLevel == 0.6 && Headroom.quantile(0.975).intervalLevel == 0.95)
    }

    @Test func aStabilisationWindowStillHoldsAForecastLedScaleDown() {
        // Window 300 s: wanted 10 at t = 0, then 4 at t = 300 → the window's largest, 10, holds;
        // at t = 601 the 10 is out of the window → 4.
        let policy = Self.policy(includeCurrentUsage: false, stabilization: 300)
        var state = ScalingState(replicas: 10)
        var replicas: [Int] = []
        for (t, mean) in [(0.0, 9.2), (300, 3.5), (601, 3.5)] {
            let step = PolicyEngine.recommend(policy: policy, demands: Self.demand(now: 9, mean: mean), state: state, now: t)
            state = step.state
            replicas.append(step.recommendation.replicas)
        }
        #expect(replicas == [10, 10, 4])
    }
}
