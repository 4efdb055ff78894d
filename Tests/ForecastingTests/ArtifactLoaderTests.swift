import Foundation
@testable import Forecasting
import Series
import TestSupport
import Testing

/// `ArtifactLoader`: the committed artifacts of every older format load and forecast, and
/// unreadable ones fail with the kind and version.
@Suite struct ArtifactLoaderTests {
    static func fixture(_ name: String) throws -> Data {
        let url = try #require(Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Fixtures"))
        return try Data(contentsOf: url)
    }

    static func raw(_ series: RegularSeries) -> TimeSeries {
        TimeSeries(name: series.name, timestamps: (0..<series.count).map(series.timestamp(at:)), values: series.values)
    }

    @Test func arimaFormatOneLoadsAndForecastsFromItsHistory() throws {
        let artifact = try ArtifactLoader.load(Self.fixture("arima_artifact_v1"))
        #expect(artifact.kind == .arima && artifact.upgradedFrom == 1 && artifact.scaler == nil && artifact.codeVersion == nil)
        let path = try artifact.forecast(rawHistory: Self.raw(ARIMAArtifactTests.series), steps: 3)
        #expect(firstMismatch(path, ARIMAArtifactFixture.forecast, rel: 1e-12) == nil, "\(path)")
    }

    @Test func prophetFormatOneLoadsAndForecastsFromItsHistory() throws {
        let artifact = try ArtifactLoader.load(Self.fixture("prophet_artifact_v1"))
        #expect(artifact.kind == .prophetAR && artifact.upgradedFrom == 1)
        let path = try artifact.forecast(rawHistory: Self.raw(ProphetBehaviourTests.dailySeries(count: 600)), steps: 3)
        #expect(firstMismatch(path, [0.6517443296787011, 0.6439705579662292, 0.6517170046835652], rel: 1e-9) == nil, "\(path)")
    }

    @Test func lstmFormatOneLoadsAndForecastsFromItsHistory() throws {
        let artifact = try ArtifactLoader.load(LSTMArtifactFixture.data())
        #expect(artifact.kind == .lstm && artifact.upgradedFrom == 1 && artifact.data.intervalSeconds == 300)
        #expect(artifact.features == LSTMArtifactFixture.configuration.features)
        let path = try artifact.forecast(rawHistory: Self.raw(LSTMArtifactFixture.history), steps: 6)
        #expect(zip(path, LSTMArtifactFixture.forecast).allSatisfy { abs($0 - $1) < 1e-5 }, "\(path)")
    }

    @Test func unreadableArtifactsNameKindAndVersion() throws {
        #expect(throws: ArtifactError.self) { try ArtifactLoader.load(Data("not json".utf8)) }
        #expect(throws: ArtifactError.missingFormatVersion(kind: "arima")) { try ArtifactLoader.load(Data(#"{"kind": "arima"}"#.utf8)) }
        #expect(throws: ArtifactError.unsupportedFormatVersion(found: 9, supported: 3, kind: "lstm")) {
            try ArtifactLoader.load(Data(#"{"format_version": 9, "kind": "lstm"}"#.utf8))
        }
        #expect(throws: ArtifactError.unknownKind("tbats", formatVersion: 1, known: LegacyArtifacts.kinds)) {
            try ArtifactLoader.load(Data(#"{"format_version": 1, "kind": "tbats"}"#.utf8))
        }
        var arima = try #require(String(data: Self.fixture("arima_artifact_v1"), encoding: .utf8))
        arima = arima.replacingOccurrences(of: "\"p\" : 1", with: "\"p\" : 2")
        #expect(throws: ArtifactError.self) { try ArtifactLoader.load(Data(arima.utf8)) }
        do {
            _ = try ArtifactLoader.load(Data(arima.utf8))
        } catch {
            guard case .invalid(let kind, let version, _) = error else { Issue.record("\(error)"); return }
            #expect(kind == "arima" && version == 1)
        }
    }

    /// A format-3 artifact whose kind is unknown or whose settings are another kind's.
    @Test func envelopeWithForeignKindIsRefused() throws {
        let series = ARIMAArtifactTests.series
        let artifact = try ModelSpec.naive.fitArtifact(series: series, trainCount: 200, steps: 3)
        var object = try #require(try JSONSerialization.jsonObject(with: artifact.encoded()) as? [String: Any])
        object["kind"] = "naïve"
        #expect(throws: ArtifactError.invalid(kind: "naïve", formatVersion: 3,
                                              reason: ModelSpecError.unknownModel("naïve", known: ModelKind.names).description)) {
            try ArtifactLoader.load(JSONSerialization.data(withJSONObject: object))
        }
    }
}
