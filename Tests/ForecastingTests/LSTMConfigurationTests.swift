@testable import Forecasting
import Foundation
import Testing

@Suite struct LSTMConfigurationTests {
    /// Minutes become steps of the grid; a window given in steps (a config's window_size)
    /// is used as is at any interval; minutes that are not whole steps are an error.
    @Test func windowAndHorizonsInSteps() throws {
        let minutes = LSTMConfiguration(windowMinutes: 60, horizonMinutes: [5, 15, 30])
        #expect(try minutes.steps(interval: 300) == (12, [1, 3, 6]))
        #expect(try minutes.steps(interval: 15) == (240, [20, 60, 120]))
        let steps = LSTMConfiguration(horizonMinutes: [5, 15], windowSteps: 7)
        #expect(try steps.steps(interval: 300) == (7, [1, 3]))
        #expect(try steps.steps(interval: 60) == (7, [5, 15]))
        #expect(throws: LSTMError.notWholeSteps(what: "horizon", minutes: 5, intervalSeconds: 420)) {
            try steps.steps(interval: 420)
        }
    }

    /// Configurations written before `windowSteps` existed decode with it nil.
    @Test func olderConfigurationsDecodeWithoutWindowSteps() throws {
        var json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(LSTMConfiguration())) as? [String: Any] ?? [:]
        #expect(json["windowSteps"] == nil)
        json["windowMinutes"] = 30
        let decoded = try JSONDecoder().decode(LSTMConfiguration.self, from: JSONSerialization.data(withJSONObject: json))
        #expect(decoded.windowSteps == nil && decoded.windowMinutes == 30)
        let withSteps = LSTMConfiguration(windowSteps: 9)
        #expect(try JSONDecoder().decode(LSTMConfiguration.self, from: JSONEncoder().encode(withSteps)) == withSteps)
    }

    /// Configurations written before the interval choice existed (the format-1 fixture's)
    /// read as `conformal`; a JSON that names only `intervals` is the default with quantile
    /// heads; the choice round-trips.
    @Test func intervalChoiceDecodesWithDefaults() throws {
        let fixture = try #require(try JSONSerialization.jsonObject(with: LSTMArtifactFixture.data()) as? [String: Any])
        let stored = try JSONSerialization.data(withJSONObject: try #require(fixture["configuration"]))
        let old = try JSONDecoder().decode(LSTMConfiguration.self, from: stored)
        #expect(old.intervals == .conformal && old.intervalLevels == [0.8, 0.95] && old.maxInputSteps == nil && old.hiddenSize == 4)
        let quantile = try JSONDecoder().decode(LSTMConfiguration.self, from: Data(#"{"intervals": "quantile", "intervalLevels": [0.9]}"#.utf8))
        var expected = LSTMConfiguration(intervals: .quantile)
        expected.intervalLevels = [0.9]
        expected.maxInputSteps = nil
        #expect(quantile == expected)
        #expect(try JSONDecoder().decode(LSTMConfiguration.self, from: JSONEncoder().encode(expected)) == expected)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(LSTMConfiguration.self, from: Data(#"{"intervals": "bootstrap"}"#.utf8))
        }
    }
}
