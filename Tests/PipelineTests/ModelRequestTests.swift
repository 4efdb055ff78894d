import Forecasting
import Foundation
import Testing
import TestSupport
@testable import Pipeline

/// `ConfiguredModel.resolve`: the one place where names, configs and flags become a spec.
@Suite struct ModelRequestTests {
    @Test func nameOrDefaultWithFlagOverrides() throws {
        #expect(try ConfiguredModel.resolve(ModelRequest(), defaultModel: .arima).spec == ModelSpec(kind: .arima))
        let lstm = try ConfiguredModel.resolve(
            ModelRequest(modelName: "lstm", overrides: ModelOverrides(epochs: 3, seed: 9)), defaultModel: .naive).spec
        guard let c = lstm.settings as? LSTMConfiguration else { Issue.record("expected lstm"); return }
        #expect(c.training.epochs == 3 && c.training.seed == 9)
        // Training flags do not change models that do not train.
        #expect(try ConfiguredModel.resolve(ModelRequest(modelName: "naive", overrides: ModelOverrides(epochs: 3)), defaultModel: .arima).spec == .naive)
        let prophet = try ConfiguredModel.resolve(
            ModelRequest(modelName: "prophet", overrides: ModelOverrides(growth: "logistic", capacity: 100)), defaultModel: .naive).spec
        guard let p = prophet.settings as? ProphetSettings else { Issue.record("expected prophet"); return }
        #expect(p.growth == .logistic(.constant(100)))
        #expect(throws: ModelSpecError.growthNeedsProphet(model: "arima")) {
            try ConfiguredModel.resolve(ModelRequest(overrides: ModelOverrides(growth: "linear")), defaultModel: .arima)
        }
        #expect(throws: ModelSpecError.unknownModel("lstn", known: ModelKind.names)) {
            try ConfiguredModel.resolve(ModelRequest(modelName: "lstn"), defaultModel: .arima)
        }
    }

    @Test func configThenFlags() throws {
        let folder = try TemporaryFolder()
        let path = try folder.file("cpu.yaml", "format_version: 1\nmetric_name: cpu\ntraining: {epochs: 4, seed: 5}\n")
        let resolved = try ConfiguredModel.resolve(
            ModelRequest(configPath: path, overrides: ModelOverrides(epochs: 2)), defaultModel: .naive)
        guard let c = resolved.spec.settings as? LSTMConfiguration else { Issue.record("expected lstm"); return }
        #expect(c.training.epochs == 2 && c.training.seed == 5)
        #expect(resolved.config?.metric == .cpu)
    }

    /// `--epochs` and `--seed` reach the ensemble's members that train; the others stay as they are.
    @Test func trainingFlagsReachEnsembleMembers() throws {
        let folder = try TemporaryFolder()
        let path = try folder.file("cpu.yaml", "format_version: 1\nmetric_name: cpu\nmodel: {model_type: ensemble, ensemble: {members: [nhits, lstm, arima]}}\n")
        let resolved = try ConfiguredModel.resolve(
            ModelRequest(configPath: path, overrides: ModelOverrides(epochs: 2, seed: 7)), defaultModel: .naive)
        let members = try #require(resolved.spec.settings as? EnsembleSettings).members
        let nhits = try #require(members[0].settings as? NHITSSettings)
        #expect(nhits.training.maxSteps == 2 * nhits.training.validationInterval && nhits.training.seed == 7)
        let lstm = try #require(members[1].settings as? LSTMConfiguration)
        #expect(lstm.training.epochs == 2 && lstm.training.seed == 7)
        #expect(members[2] == ModelSpec(ARIMASettings(order: ARIMAOrder(p: 1, d: 1, q: 1))))
    }
}
