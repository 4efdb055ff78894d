import Forecasting
import Foundation
import Testing
import TestSupport
@testable import Pipeline

/// `model_type: nhits` in a per-metric config and the training flags on `--model nhits`.
@Suite struct NHITSConfigTests {
    @Test func configModelTypeTakesSeedAndBudget() throws {
        let folder = try TemporaryFolder()
        let path = try folder.file("cpu.yaml", "format_version: 1\nmetric_name: cpu\nmodel: {model_type: nhits}\ntraining: {seed: 5, max_minutes: 1.5}\n")
        let resolved = try ConfiguredModel.resolve(ModelRequest(configPath: path), defaultModel: .naive)
        let settings = try #require(resolved.spec.settings as? NHITSSettings)
        #expect(resolved.spec.kind == .nhits)
        #expect(settings.training.seed == 5 && settings.training.maxMinutes == 1.5)
        #expect(settings.hiddenSize == NHITSSettings().hiddenSize && settings.inputSteps == 48)
    }

    @Test func epochsAreValidationChecksAndSeedIsTheNetworks() throws {
        let spec = try ConfiguredModel.resolve(
            ModelRequest(modelName: "nhits", overrides: ModelOverrides(epochs: 3, seed: 9)), defaultModel: .naive).spec
        let settings = try #require(spec.settings as? NHITSSettings)
        #expect(settings.training.maxSteps == 3 * settings.training.validationInterval && settings.training.seed == 9)
    }
}
