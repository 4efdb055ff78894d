import Foundation
import Forecasting
import Series
import TestSupport
import Testing

@Suite struct ARIMAArtifactTests {
    static let series = ARIMABehaviourTests.randomWalkWithNoise(count: 240, seed: 11)

    @Test func roundTripGivesIdenticalForecasts() throws {
        for model in [ARIMA(), ARIMA(order: ARIMAOrder(p: 1, d: 0, q: 1), seasonal: SeasonalOrder(p: 1, d: 0, q: 1, period: 4), includeConstant: true)] {
            let fitted = try model.fit(series: Self.series)
            let data = try ARIMAArtifact(model: fitted).encoded()
            let loaded = try ARIMAArtifact.decode(data).model
            #expect(loaded == fitted)
            #expect(try loaded.predict(steps: 24) == fitted.predict(steps: 24))
            #expect(try loaded.predictIntervals(steps: 6) == fitted.predictIntervals(steps: 6))
            let next = Self.series.with(values: Self.series.values + [0.3, 0.31])
            #expect(try loaded.apply(to: next).predict(steps: 6) == fitted.apply(to: next).predict(steps: 6))
        }
    }

    @Test func artifactCarriesFormatVersion() throws {
        let data = try ARIMAArtifact(model: ARIMA().fit(series: Self.series)).encoded()
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["format_version"] as? Int == 1)
        #expect(object["kind"] as? String == "arima")
    }

    @Test func newerFormatIsRefusedWithInstruction() throws {
        var text = try #require(String(data: try ARIMAArtifact(model: ARIMA().fit(series: Self.series)).encoded(), encoding: .utf8))
        text = text.replacingOccurrences(of: "\"format_version\" : 1", with: "\"format_version\" : 7")
        #expect(throws: ARIMAError.unsupportedArtifactVersion(found: 7, supported: 1)) {
            _ = try ARIMAArtifact.decode(Data(text.utf8))
        }
    }

    @Test func inconsistentArtifactIsRefused() throws {
        var text = try #require(String(data: try ARIMAArtifact(model: ARIMA().fit(series: Self.series)).encoded(), encoding: .utf8))
        // Claim an ARIMA(2,1,1) while only one AR coefficient is stored.
        text = text.replacingOccurrences(of: "\"p\" : 1", with: "\"p\" : 2")
        #expect(throws: ARIMAError.self) { _ = try ARIMAArtifact.decode(Data(text.utf8)) }
    }

    /// A version-1 artifact committed in Fixtures must keep loading and forecasting the same numbers.
    @Test func committedVersionOneArtifactStillLoads() throws {
        let url = try #require(Bundle.module.url(forResource: "arima_artifact_v1", withExtension: "json", subdirectory: "Fixtures"))
        let model = try ARIMAArtifact.decode(Data(contentsOf: url)).model
        let path = try model.predict(steps: 3)
        if ProcessInfo.processInfo.environment["PRINT_ARIMA_FIXTURE"] != nil { print(path) }
        #expect(firstMismatch(path, ARIMAArtifactFixture.forecast, rel: 1e-15) == nil)
    }
}

enum ARIMAArtifactFixture {
    static let forecast: [Double] = [0.1508906066217116, 0.15144151654987598, 0.15150352611159892]
}
