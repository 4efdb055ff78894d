import Foundation
@testable import Forecasting
import Testing

/// The catalog: typed kinds, their default settings, and specs as JSON values.
@Suite struct ModelCatalogTests {
    @Test func namesAreTheCatalogInHelpOrder() {
        #expect(ModelKind.names == ["naive", "snaive", "arima", "autoarima", "autoarima-daily", "prophet", "prophet-ar", "lstm", "nhits", "gbt", "ensemble"])
        #expect(ModelSpec.names == ModelKind.names)
    }

    @Test(arguments: ModelKind.allCases)
    func everyKindBuildsItsSpecAndRoundTripsAsJSON(kind: ModelKind) throws {
        let spec = ModelSpec(kind: kind)
        #expect(spec.kind == kind)
        let data = try JSONEncoder().encode(spec)
        let decoded = try JSONDecoder().decode(ModelSpec.self, from: data)
        #expect(decoded == spec)
        #expect(decoded.hashValue == spec.hashValue)
    }

    @Test func defaultsAreTheModelsOwn() {
        guard let arima = ModelSpec(kind: .arima).settings as? ARIMASettings else { Issue.record("not arima"); return }
        #expect(arima.model.specification == ARIMA().specification)
        guard let daily = ModelSpec(kind: .autoarimaDaily).settings as? AutoARIMASettings else { Issue.record("not autoarima"); return }
        #expect(daily.seasonalPeriodSeconds == 86_400 && daily.maxP == AutoARIMA().maxP)
        guard let prophet = ModelSpec(kind: .prophet).settings as? ProphetSettings else { Issue.record("not prophet"); return }
        #expect(prophet.recentPast == .none && prophet.changepointCount == ProphetStyle().changepointCount)
        guard let lstm = ModelSpec(kind: .lstm).settings as? LSTMConfiguration else { Issue.record("not lstm"); return }
        #expect(lstm == LSTMConfiguration())
    }

    /// Settings and kind must agree: a recent-past model is prophet-ar, not prophet.
    @Test func settingsOfAnotherKindAreRefused() throws {
        let prophetAR = try JSONEncoder().encode(ModelSpec(kind: .prophetAR))
        var object = try #require(try JSONSerialization.jsonObject(with: prophetAR) as? [String: Any])
        object["kind"] = "prophet"
        let data = try JSONSerialization.data(withJSONObject: object)
        #expect(throws: ModelSpecError.settingsDoNotMatchKind(kind: "prophet", settingsKind: "prophet-ar")) {
            try JSONDecoder().decode(ModelSpec.self, from: data)
        }
        object["kind"] = "prophett"
        #expect(throws: ModelSpecError.unknownModel("prophett", known: ModelKind.names)) {
            try JSONDecoder().decode(ModelSpec.self, from: JSONSerialization.data(withJSONObject: object))
        }
    }

    /// Hooks are not settings: two specs that differ only in how they would be observed are equal.
    @Test func lstmSettingsAreHashableValues() {
        var a = LSTMConfiguration()
        a.training.epochs = 3
        var b = LSTMConfiguration()
        b.training.epochs = 3
        #expect(Set([ModelSpec(a), ModelSpec(b)]).count == 1)
        b.training.seed = 1
        #expect(Set([ModelSpec(a), ModelSpec(b)]).count == 2)
    }
}
