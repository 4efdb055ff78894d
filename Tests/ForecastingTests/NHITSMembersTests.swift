import Foundation
@testable import Forecasting
import Kernels
import Series
import Testing

/// `training.members`: M networks from seeds seed … seed + M − 1 whose outputs are averaged,
/// stored in one state (format 2); states and settings written before it read as one network.
@Suite struct NHITSMembersTests {
    static let data = FitData(series: NHITSBehaviourTests.series, trainCount: 420)

    @Test func membersAreTheOneNetworkFitsOfConsecutiveSeedsAndTheForecastIsTheirMean() throws {
        let averaged = try NHITSForecaster(settings: NHITSBehaviourTests.settings(maxSteps: 50, seed: 3, members: 3)).fit(Self.data)
        let singles = try (0..<3).map { k in
            try NHITSForecaster(settings: NHITSBehaviourTests.settings(maxSteps: 50, seed: 3 + UInt64(k))).fit(Self.data)
        }
        #expect(averaged.state.members == 3)
        #expect(averaged.state.parameters.map(\.bitPattern) == singles.flatMap(\.state.parameters).map(\.bitPattern))
        #expect(averaged.state.training == singles[0].state.training)
        #expect(averaged.state.memberTraining == singles.map(\.state.training!))
        let origins = 420..<594
        let mean = try averaged.rollingForecasts(over: NHITSBehaviourTests.series, origins: origins, steps: 6)
        let each = try singles.map { try $0.rollingForecasts(over: NHITSBehaviourTests.series, origins: origins, steps: 6) }
        var worst = 0.0, spread = 0.0
        for (i, path) in mean.enumerated() {
            for s in 0..<6 {
                let values = each.map { $0[i][s] }
                worst = max(worst, abs(path[s] - values.reduce(0, +) / 3))
                spread = max(spread, values.max()! - values.min()!)
            }
        }
        #expect(worst < 1e-5, "mean of the members' forecasts off by \(worst)")
        #expect(spread > 1e-3, "the members should differ; largest spread \(spread)")
        let intervals = try averaged.rollingIntervals(over: NHITSBehaviourTests.series, origins: origins, steps: 6, levels: [0.8, 0.95])
        #expect(intervals.allSatisfy { p in (0..<6).allSatisfy { p.lower[1][$0] <= p.lower[0][$0] && p.upper[0][$0] <= p.upper[1][$0] } })
    }

    @Test func aStateOfSeveralMembersRoundTripsAndAVersionOneStateReadsAsOne() throws {
        let series = NHITSBehaviourTests.series
        let artifact = try ModelSpec(NHITSBehaviourTests.settings(maxSteps: 25, members: 2)).fitArtifact(series: series, trainCount: 500, steps: 6)
        let encoded = try artifact.encoded()
        let loaded = try ArtifactLoader.load(encoded)
        #expect(loaded == artifact)
        let scaled = try artifact.modelSeries(grid: series)
        let before = try artifact.state.forecastPath(history: scaled, steps: 6, levels: [])
        #expect(try loaded.state.forecastPath(history: scaled, steps: 6, levels: []).mean.map(\.bitPattern) == before.mean.map(\.bitPattern))
        #expect((loaded.state.value as? NHITSState)?.members == 2)

        // As version 1 wrote it: no `members` (state or settings) and one network's θ.
        let one = try ModelSpec(NHITSBehaviourTests.settings(maxSteps: 25)).fitArtifact(series: series, trainCount: 500, steps: 6)
        var object = try #require(try JSONSerialization.jsonObject(with: try one.encoded()) as? [String: Any])
        var state = try #require(object["state"] as? [String: Any])
        var settings = try #require(state["settings"] as? [String: Any]), training = try #require(settings["training"] as? [String: Any])
        training["members"] = nil
        settings["training"] = training
        state["settings"] = settings
        state["members"] = nil
        state["format_version"] = 1
        object["state"] = state
        let old = try ArtifactLoader.load(try JSONSerialization.data(withJSONObject: object))
        let oldState = try #require(old.state.value as? NHITSState)
        #expect(oldState.members == 1 && oldState.settings.training.members == 1)
        #expect(try old.state.forecastPath(history: scaled, steps: 6, levels: []).mean == one.state.forecastPath(history: scaled, steps: 6, levels: []).mean)

        // A member count that does not match θ is refused, naming both.
        state["members"] = 3
        object["state"] = state
        let error = try #require(throws: (any Error).self) { _ = try ArtifactLoader.load(try JSONSerialization.data(withJSONObject: object)) }
        #expect("\(error)".contains("3 ×"), "\(error)")
    }

    @Test func fewerThanOneMemberIsRefused() {
        var settings = NHITSBehaviourTests.settings()
        settings.training.members = 0
        #expect(throws: NHITSError.invalidSetting(key: "training.members", value: "0", advice: "train at least 1 network, e.g. 3")) {
            try settings.check()
        }
    }
}
