import Foundation
import Series
import Serving
import Testing

/// The oracle's path with an interval at every level asked for: [ŷ − 1, ŷ + 1].
struct OracleWithIntervals: DemandForecaster {
    let values: [Double]
    var name: String { "oracle ± 1" }

    mutating func forecast(history: TimeSeries, decision: Int, steps: Int) throws -> [Double]? {
        (1...steps).map { values[min(decision + $0, values.count - 1)] }
    }

    mutating func forecastPath(history: TimeSeries, decision: Int, steps: Int, levels: [Double]) throws -> SeriesPath? {
        let mean = try forecast(history: history, decision: decision, steps: steps)!
        return SeriesPath(mean: mean, intervals: mean.map { m in levels.map { ForecastInterval(level: $0, lower: m - 1, upper: m + 1) } })
    }
}

/// `Backtest.forecasts` + `Backtest.replay`, the model's intervals reaching the policy, HPA's
/// own target and the parts of a replay, on BacktestTests' hand-made trace
/// y = 2, 2, 4, 4, 2, 2 every 60 s (c = 1, warm-up 0, no start-up delay).
@Suite struct BacktestReplayTests {
    static let trace = TimeSeries(name: "hand", timestamps: (0..<6).map { Double($0) * 60 }, values: [2, 2, 4, 4, 2, 2])

    /// A forecast-led policy: u = 1, 90 % quantile, 1-min horizon only, no stabilisation.
    static func spec() -> BacktestSpec {
        var spec = BacktestSpec()
        spec.capacityPerReplica = 1
        spec.warmupPoints = 0
        spec.startupDelaySeconds = 0
        spec.policy = ScalingPolicy(
            resources: ["demand": ResourcePolicy(targetUtilization: 1, headroom: .quantile(0.9), maxReplicas: 10)],
            behavior: ScalingBehavior(stabilizationSeconds: 0, maxScaleDownStep: 10, scaleDownCooldownSeconds: 0, horizonsMinutes: [1],
                                      includeCurrentUsage: false))
        return spec
    }

    @Test func runIsForecastsThenReplay() throws {
        let spec = Self.spec()
        let whole = try Backtest.run(trace: Self.trace, name: "hand", forecaster: OracleWithIntervals(values: Self.trace.values), spec: spec)
        let prepared = try BacktestTrace(trace: Self.trace, name: "hand", warmupPoints: 0)
        let made = try Backtest.forecasts(prepared, forecaster: OracleWithIntervals(values: Self.trace.values), steps: 3, levels: PredictionSpec.defaultLevels,
                                          conditioningPoints: spec.conditioningPoints)
        #expect(made.paths.count == 6 && made.paths[0]?.mean == [2, 4, 4] && made.levels == [0.8, 0.95])
        #expect(try Backtest.replay(prepared, forecasts: made, spec: spec) == whole)
    }

    /// Predictive asks ⌈upper⌉ = y_{i+1} + 1 (the 80 % interval's upper end, q = 0.9):
    /// 3, 5, 5, 3, 3 for y_1…y_5 = 2, 4, 4, 2, 2 → never short, 1 spare replica each
    /// minute = 5/60 replica-hours, 3 actions (2 → 3 → 5 → 3).
    @Test func theQuantileHeadroomReadsTheModelsInterval() throws {
        let report = try Backtest.run(trace: Self.trace, name: "hand", forecaster: OracleWithIntervals(values: Self.trace.values), spec: Self.spec())
        #expect(report.predictive.replicas == [3, 5, 5, 3, 3])
        #expect(report.predictive.underProvisionedMinutes == 0)
        #expect(abs(report.predictive.slackReplicaHours - 5.0 / 60) < 1e-12)
        #expect(report.predictive.scalingActions == 3)
    }

    /// HPA keeps its own target 0.8 (the default) while the policy's is 1. From r = 2:
    /// y = 2 → ratio 1.25 → 3; y = 2 at 3 → ratio 0.83 → ⌈2.5⌉ = 3; y = 4 at 3 → ratio 1.67 → 5;
    /// y = 4 at 5 → 1.0 → 5; then ⌈2.5⌉ = 3 wanted but the 300 s window holds 5:
    /// replicas 3, 3, 5, 5, 5 for 2, 4, 4, 2, 2 → short 1 min (4 > 3, by 1); slack
    /// 1 + 0 + 1 + 3 + 3 = 8 replica-minutes.
    @Test func reactiveHPAKeepsItsOwnTarget() throws {
        let report = try Backtest.run(trace: Self.trace, name: "hand", forecaster: OracleWithIntervals(values: Self.trace.values), spec: Self.spec())
        #expect(report.reactive.replicas == [3, 3, 5, 5, 5])
        #expect(report.reactive.underProvisionedMinutes == 1 && report.reactive.worstShortfall == 1)
        #expect(abs(report.reactive.slackReplicaHours - 8.0 / 60) < 1e-12)
    }

    /// Parts: steps 0..<2 (y 2, 4 against 3, 3) and 2..<5 (4, 2, 2 against 5, 5, 5).
    @Test func thePartsOfAReplayAddUpToTheWhole() throws {
        let report = try Backtest.run(trace: Self.trace, name: "hand", forecaster: OracleWithIntervals(values: Self.trace.values), spec: Self.spec())
        let first = report.reactive.part(0..<2, demand: report.demand, c: 1, step: 60)
        let rest = report.reactive.part(2..<5, demand: report.demand, c: 1, step: 60)
        #expect(first.underProvisionedMinutes == 1 && abs(first.slackReplicaHours - 1.0 / 60) < 1e-12)
        #expect(rest.underProvisionedMinutes == 0 && abs(rest.slackReplicaHours - 7.0 / 60) < 1e-12)
    }

    @Test func forecastsThatDoNotReachTheLongestHorizonAreRefused() throws {
        var spec = Self.spec()
        spec.policy.behavior.horizonsMinutes = [1, 2]
        let prepared = try BacktestTrace(trace: Self.trace, name: "hand", warmupPoints: 0)
        let made = try Backtest.forecasts(prepared, forecaster: OracleWithIntervals(values: Self.trace.values), steps: 1, levels: [],
                                          conditioningPoints: 10)
        #expect(throws: BacktestForecastsMismatch(trace: "hand", steps: 1, neededSteps: 2, decisions: 6, neededDecisions: 6)) {
            try Backtest.replay(prepared, forecasts: made, spec: spec)
        }
    }
}
