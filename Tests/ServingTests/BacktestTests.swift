import Foundation
import Series
import Serving
import Testing

/// A forecaster that knows the trace (the test's oracle): ŷ_{i+k} = y_{i+k}, the last
/// value past the end.
struct OracleForecaster: DemandForecaster {
    let values: [Double]
    var name: String { "oracle" }

    mutating func forecast(history: TimeSeries, decision: Int, steps: Int) throws -> [Double]? {
        (1...steps).map { values[min(decision + $0, values.count - 1)] }
    }
}

/// Fails the replay if it is shown anything after the decision.
struct NoPeekingForecaster: DemandForecaster {
    struct Peeked: Error {}
    let timestamps: [Double]
    var name: String { "no-peeking" }

    mutating func forecast(history: TimeSeries, decision: Int, steps: Int) throws -> [Double]? {
        guard history.timestamps.last == timestamps[decision], history.count == decision + 1 else { throw Peeked() }
        return history.values.suffix(1) + Array(repeating: history.values.last!, count: steps - 1)
    }
}

@Suite struct BacktestTests {
    /// y = 2, 2, 4, 4, 2, 2 every 60 s; c = 1, target 1 (HPA's too), no margin, horizon 1 min, warm-up 0.
    static let trace = TimeSeries(name: "hand", timestamps: (0..<6).map { Double($0) * 60 }, values: [2, 2, 4, 4, 2, 2])

    static func spec(startupDelay: Double) -> BacktestSpec {
        var spec = BacktestSpec()
        spec.capacityPerReplica = 1
        spec.warmupPoints = 0
        spec.startupDelaySeconds = startupDelay
        spec.hpaTargetUtilization = 1
        spec.policy = ScalingPolicy(
            resources: ["demand": ResourcePolicy(targetUtilization: 1, headroom: .margin(0), maxReplicas: 10)],
            behavior: ScalingBehavior(stabilizationSeconds: 0, maxScaleDownStep: 10, scaleDownCooldownSeconds: 0, horizonsMinutes: [1]))
        return spec
    }

    /// By hand, start r = ⌈y_0⌉ = 2, decisions at t = 0…300, each scored on the next point:
    ///
    /// predictive (oracle): wants max(⌈y_i⌉, ⌈y_{i+1}⌉) = 2, 4, 4, 4, 2, (2);
    ///   y_1…y_5 = 2, 4, 4, 2, 2 against 2, 4, 4, 4, 2 → never short; slack (4 − 2) at
    ///   t = 240: 2 replicas × 1 min = 2/60 replica-hours; actions 2 (up at 60, down at 240).
    /// reactive HPA: at t = 120 it sees y = 4 with 2 replicas: ratio 2 → ⌈2·2⌉ = 4; the
    ///   300 s stabilisation keeps 4 at t = 240 and 300: asked 2, 2, 4, 4, 4, (4)
    ///   → short at t = 120 (4 > 2) by 2 for 1 minute; slack 2 + 2 replica-minutes
    ///   at t = 240, 300 = 4/60 h; 1 action.
    @Test func aHandMadeTraceWithoutStartupDelay() throws {
        let report = try Backtest.run(trace: Self.trace, name: "hand", forecaster: OracleForecaster(values: Self.trace.values),
                                      spec: Self.spec(startupDelay: 0))
        #expect(report.decisions == 6 && report.firstDecision == 0 && report.capacityPerReplica == 1)
        #expect(report.predictive.replicas == [2, 4, 4, 4, 2])
        #expect(report.predictive.underProvisionedMinutes == 0 && report.predictive.worstShortfall == 0)
        #expect(abs(report.predictive.slackReplicaHours - 2.0 / 60) < 1e-12)
        #expect(report.predictive.scalingActions == 2)
        #expect(report.reactive.replicas == [2, 2, 4, 4, 4])
        #expect(report.reactive.underProvisionedMinutes == 1 && report.reactive.worstShortfall == 2)
        #expect(abs(report.reactive.slackReplicaHours - 4.0 / 60) < 1e-12)
        #expect(report.reactive.scalingActions == 1)
    }

    /// With a 90 s start-up, a replica asked at t serves from t + 90: predictive's 2 new
    /// replicas (asked at 60) miss t = 120 → short 2 for 1 min; HPA's (asked at 120) miss
    /// t = 180 too → 2 minutes short. Capacity is what serves; slack counts what was asked.
    @Test func aStartupDelayLeavesNewReplicasOutUntilTheyServe() throws {
        let report = try Backtest.run(trace: Self.trace, name: "hand", forecaster: OracleForecaster(values: Self.trace.values),
                                      spec: Self.spec(startupDelay: 90))
        #expect(report.predictive.capacity == [2, 2, 4, 4, 2])
        #expect(report.predictive.underProvisionedMinutes == 1 && report.predictive.worstShortfall == 2)
        #expect(report.reactive.capacity == [2, 2, 2, 4, 4])
        #expect(report.reactive.underProvisionedMinutes == 2)
        #expect(abs(report.reactive.slackReplicaHours - 4.0 / 60) < 1e-12)
    }

    @Test func theForecasterSeesOnlyThePast() throws {
        let trace = TimeSeries(name: "t", timestamps: (0..<50).map { Double($0) * 300 }, values: (0..<50).map { 10 + Double($0 % 7) })
        var spec = BacktestSpec()
        spec.warmupPoints = 10
        let report = try Backtest.run(trace: trace, name: "t", forecaster: NoPeekingForecaster(timestamps: trace.timestamps), spec: spec)
        #expect(report.decisions == 40 && report.predictive.replicas.count == 39)
        #expect(report.capacityPerReplica == trace.values.reduce(0, +) / 50 / 4)
    }

    @Test func theSVGPlotHasOneLinePerSeries() throws {
        let report = try Backtest.run(trace: Self.trace, name: "hand", forecaster: OracleForecaster(values: Self.trace.values),
                                      spec: Self.spec(startupDelay: 0))
        let svg = BacktestPlot.svg(report)
        #expect(svg.hasPrefix("<svg") && svg.hasSuffix("</svg>\n"))
        #expect(svg.components(separatedBy: "<path ").count - 1 == 4)
        for label in ["demand", "capacity predictive", "capacity reactive HPA", "forecast"] { #expect(svg.contains(">\(label)<")) }
    }
}
