import Serving
import Testing

/// The scaling rule on hand-made cases (c = 1 core per replica, u = 0.8 unless stated).
@Suite struct PolicyEngineTests {
    static func policy(_ rule: ResourcePolicy = ResourcePolicy(headroom: .margin(0)), _ behavior: ScalingBehavior = ScalingBehavior()) -> ScalingPolicy {
        ScalingPolicy(resources: ["cpu": rule], behavior: behavior)
    }

    static func demand(current: Double, _ forecasts: [(Double, Double)] = [], upper90: Double? = nil) -> [ResourceDemand] {
        [ResourceDemand(resource: "cpu", current: current, forecasts: forecasts.map { minutes, value in
            HorizonForecast(minutes: minutes, steps: Int(minutes), timestamp: minutes * 60, value: value,
                            intervals: upper90.map { [ForecastInterval(level: 0.8, lower: 0, upper: $0)] } ?? [])
        })]
    }

    @Test func scalesUpAtOnceToTheLargestNeedAndSaysWhy() {
        // current 2 → ⌈2/0.8⌉ = 3; 15 min 3.5 → ⌈4.375⌉ = 5; 30 min 3.0 → ⌈3.75⌉ = 4.
        let (r, state) = PolicyEngine.recommend(policy: Self.policy(), demands: Self.demand(current: 2, [(5, 2.5), (15, 3.5), (30, 3.0)]),
                                                state: ScalingState(replicas: 2), now: 1000)
        #expect(r.replicas == 5 && r.action == .scaleUp && state.replicas == 5 && state.lastChange == 1000)
        #expect(r.reasons.first == ScalingReason(metric: "cpu", horizonMinutes: 15, forecast: 3.5, demand: 3.5, replicasNeeded: 5,
                                                 rule: "forecast + margin 0 %, capacity 1 per replica at 80 %"))
        #expect(r.reasons.map(\.replicasNeeded).sorted() == [3, 4, 4, 5])
    }

    @Test func headroomMarginOrQuantile() {
        // margin 25 %: 3.2 · 1.25 = 4 → ⌈4/0.8⌉ = 5.
        let margin = PolicyEngine.recommend(policy: Self.policy(ResourcePolicy(headroom: .margin(0.25))),
                                            demands: Self.demand(current: 1, [(15, 3.2)]), state: ScalingState(replicas: 1), now: 0)
        #expect(margin.recommendation.replicas == 5 && margin.recommendation.reasons[0].demand == 4)
        // quantile 0.9 = upper end of the 80 % interval: 4.8 → ⌈6⌉ = 6.
        let quantile = PolicyEngine.recommend(policy: Self.policy(ResourcePolicy(headroom: .quantile(0.9))),
                                              demands: Self.demand(current: 1, [(15, 3.2)], upper90: 4.8), state: ScalingState(replicas: 1), now: 0)
        #expect(quantile.recommendation.replicas == 6 && quantile.recommendation.reasons[0].demand == 4.8)
    }

    @Test func boundsClampTheRecommendation() {
        let rule = ResourcePolicy(headroom: .margin(0), minReplicas: 2, maxReplicas: 4)
        let high = PolicyEngine.recommend(policy: Self.policy(rule), demands: Self.demand(current: 8), state: ScalingState(replicas: 3), now: 0)
        #expect(high.recommendation.replicas == 4)
        #expect(high.recommendation.adjustments == ["bounded to 2…4 replicas (wanted 10)"])
        let low = PolicyEngine.recommend(policy: Self.policy(rule), demands: Self.demand(current: 0.1), state: ScalingState(replicas: 3), now: 0)
        #expect(low.recommendation.replicas == 2)
    }

    @Test func scaleDownWaitsForTheStabilisationWindowAndStepsAtMostTwo() {
        // behaviour: window 300 s, step 2, no cooldowns. Demand 8 → 10 replicas at t = 0, then 0.8 → 1 wanted.
        let behavior = ScalingBehavior(stabilizationSeconds: 300, maxScaleDownStep: 2, scaleDownCooldownSeconds: 0)
        let policy = Self.policy(ResourcePolicy(headroom: .margin(0)), behavior)
        var state = ScalingState(replicas: 1)
        var replicas: [Int] = []
        for (t, y) in [(0.0, 8.0), (60, 0.8), (120, 0.8), (240, 0.8), (300, 0.8), (360, 0.8), (420, 0.8), (480, 0.8), (540, 0.8)] {
            let step = PolicyEngine.recommend(policy: policy, demands: Self.demand(current: y), state: state, now: t)
            state = step.state
            replicas.append(step.recommendation.replicas)
        }
        // t ≤ 300: the 10 wanted at t = 0 is inside the window → hold 10. t = 360: window (60…360]
        // wants at most 1 → 10 − 2 = 8; then 6, 4, 2 by the step bound.
        #expect(replicas == [10, 10, 10, 10, 10, 8, 6, 4, 2])
    }

    @Test func cooldownsDelayChanges() {
        let behavior = ScalingBehavior(stabilizationSeconds: 0, maxScaleDownStep: 10, scaleUpCooldownSeconds: 120, scaleDownCooldownSeconds: 600)
        let policy = Self.policy(ResourcePolicy(headroom: .margin(0)), behavior)
        let changed = ScalingState(replicas: 5, lastChange: 1000)
        let up = PolicyEngine.recommend(policy: policy, demands: Self.demand(current: 8), state: changed, now: 1060)
        #expect(up.recommendation.replicas == 5 && up.recommendation.action == .hold)
        #expect(up.recommendation.adjustments == ["scale-up cooldown: 60 s since the last change < 120 s"])
        #expect(PolicyEngine.recommend(policy: policy, demands: Self.demand(current: 8), state: changed, now: 1120).recommendation.replicas == 10)
        let down = PolicyEngine.recommend(policy: policy, demands: Self.demand(current: 0.8), state: changed, now: 1500)
        #expect(down.recommendation.replicas == 5)
        #expect(PolicyEngine.recommend(policy: policy, demands: Self.demand(current: 0.8), state: changed, now: 1600).recommendation.replicas == 1)
    }

    @Test func theOriginalThresholdsScaleDownOnlyBelowThirtyPercent() {
        // 0.8 / 0.3: at 10 replicas, demand 3.5 is 35 % → hold although 5 would do; 2.5 is 25 % → down.
        let rule = ResourcePolicy(targetUtilization: 0.8, scaleDownUtilization: 0.3, headroom: .margin(0))
        let policy = Self.policy(rule, ScalingBehavior(stabilizationSeconds: 0, maxScaleDownStep: 10, scaleDownCooldownSeconds: 0))
        let hold = PolicyEngine.recommend(policy: policy, demands: Self.demand(current: 3.5), state: ScalingState(replicas: 10), now: 0)
        #expect(hold.recommendation.replicas == 10 && hold.recommendation.adjustments == ["no scale-down: cpu at 10 replicas is 35 % ≥ 30 %"])
        let down = PolicyEngine.recommend(policy: policy, demands: Self.demand(current: 2.5), state: ScalingState(replicas: 10), now: 0)
        #expect(down.recommendation.replicas == 4 && down.recommendation.action == .scaleDown)
    }

    @Test func theSameInputsGiveTheSameDecision() {
        let policy = Self.policy()
        let a = PolicyEngine.recommend(policy: policy, demands: Self.demand(current: 2, [(5, 3)]), state: ScalingState(replicas: 2), now: 5)
        let b = PolicyEngine.recommend(policy: policy, demands: Self.demand(current: 2, [(5, 3)]), state: ScalingState(replicas: 2), now: 5)
        #expect(a.recommendation == b.recommendation && a.state == b.state)
    }
}
