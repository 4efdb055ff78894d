import Forecasting
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
}
