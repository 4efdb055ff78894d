@testable import Forecasting
import Foundation
import Series
import Testing

/// The gbt state in the common artifact envelope: boosters as base64 XGBoost JSON,
/// save → load → the same forecasts and intervals (conformal calibration or quantile
/// boosters); a version-1 state (quantile boosters, before calibration) still loads; a newer
/// state version is refused.
@Suite struct GBTArtifactTests {
    static func artifact(_ method: GBTIntervalMethod = .conformal) throws -> FittedModelArtifact {
        let series = GBTBehaviourTests.cycle()
        let raw = series.with(values: series.values.map { 20 + 60 * $0 })
        var settings = GBTBehaviourTests.settings()
        settings.intervalMethod = method
        return try ModelSpec(settings).fitArtifact(series: raw, trainCount: 600, steps: 6)
    }

    @Test(arguments: GBTIntervalMethod.allCases)
    func saveLoadGivesTheSameForecastsAndIntervals(method: GBTIntervalMethod) throws {
        let artifact = try Self.artifact(method)
        let data = try artifact.encoded()
        let loaded = try ArtifactLoader.load(data)
        #expect(loaded == artifact)
        let state = try #require(loaded.state.value as? GBTState)
        #expect(state.version == GBTState.currentVersion && state.steps.map(\.step) == [1, 2, 3, 4, 5, 6])
        switch method {
        case .quantile:
            #expect(zip(state.quantiles, [0.025, 0.1, 0.9, 0.975]).allSatisfy { abs($0 - $1) < 1e-12 } && state.quantiles.count == 4)
            #expect(state.calibration == nil)
        case .conformal:
            #expect(state.quantiles.isEmpty && state.steps.allSatisfy { $0.quantiles.isEmpty })
            let calibration = try #require(state.calibration)
            #expect(calibration.levels == [0.8, 0.95] && calibration.steps == 6)
        }
        let booster = try #require(Data(base64Encoded: state.steps[0].point))
        let json = try #require(try JSONSerialization.jsonObject(with: booster) as? [String: Any])
        #expect(json["learner"] != nil, "the booster is XGBoost's JSON model")
        let history = try artifact.modelSeries(grid: GBTBehaviourTests.cycle().with(values: GBTBehaviourTests.cycle().values.map { 20 + 60 * $0 }))
        let before = try artifact.state.forecastPath(history: history, steps: 6, levels: [0.8, 0.95])
        let after = try loaded.state.forecastPath(history: history, steps: 6, levels: [0.8, 0.95])
        #expect(before.mean == after.mean)
        #expect(before.intervals == after.intervals)
        let intervals = try #require(after.intervals)
        #expect(zip(intervals.lower[1], intervals.lower[0]).allSatisfy { $0 <= $1 })
        #expect(zip(intervals.upper[0], intervals.upper[1]).allSatisfy { $0 <= $1 })
        let bounds = try state.pathIntervals(history: history, steps: 6, levels: [0.95])
        #expect(bounds.lower[0] == intervals.lower[1] && bounds.upper[0] == intervals.upper[1])
    }

    @Test func aVersionOneStateWithQuantileBoostersStillLoads() throws {
        let artifact = try Self.artifact(.quantile)
        var object = try #require(try JSONSerialization.jsonObject(with: try artifact.encoded()) as? [String: Any])
        var state = try #require(object["state"] as? [String: Any])
        #expect(state["calibration"] == nil)
        state["version"] = 1
        object["state"] = state
        let loaded = try ArtifactLoader.load(try JSONSerialization.data(withJSONObject: object))
        let history = try artifact.modelSeries(grid: GBTBehaviourTests.cycle().with(values: GBTBehaviourTests.cycle().values.map { 20 + 60 * $0 }))
        let before = try artifact.state.forecastPath(history: history, steps: 6, levels: [0.8])
        let after = try loaded.state.forecastPath(history: history, steps: 6, levels: [0.8])
        #expect((loaded.state.value as? GBTState)?.version == 1)
        #expect(before.mean == after.mean && before.intervals == after.intervals)
    }

    @Test func aNewerStateVersionIsRefusedWithBothVersions() throws {
        let data = try Self.artifact().encoded()
        var object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        var state = try #require(object["state"] as? [String: Any])
        state["version"] = GBTState.currentVersion + 1
        object["state"] = state
        let changed = try JSONSerialization.data(withJSONObject: object)
        do {
            _ = try ArtifactLoader.load(changed)
            Issue.record("a state of version \(GBTState.currentVersion + 1) loaded")
        } catch {
            #expect("\(error)".contains("state version \(GBTState.currentVersion + 1) is newer than this build supports (\(GBTState.currentVersion))"), "\(error)")
        }
    }
}
