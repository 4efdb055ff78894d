import Forecasting
import Foundation
@testable import Pipeline
import TestSupport
import Testing
import Tracking

/// `model: ensemble` in configs and pipelines: members from `model.ensemble`, trained,
/// evaluated with its members and weights logged as params, chosen by `select` like any model.
@Suite struct EnsemblePipelineTests {
    static let ensembleConfig = """
        format_version: 1
        metric_name: cpu
        model:
          model_type: ensemble
          ensemble:
            members: [naive, snaive]
            combine: weights
        """

    func config(_ body: String) throws -> MetricConfig {
        try ConfigLoader.decode(yaml: "format_version: 1\nmetric_name: cpu\n" + body, file: "test.yaml")
    }

    /// Each member takes the config's settings for its kind; the defaults are the catalog's.
    @Test func configBuildsTheEnsembleWithItsMembersSettings() throws {
        let spec = try ConfiguredModel.spec(from: try config("""
            model:
              model_type: ensemble
              arima: {p: 2, d: 0, q: 1}
              ensemble: {members: [arima, naive], combine: median}
            """), file: "test.yaml")
        let settings = try #require(spec.settings as? EnsembleSettings)
        #expect(settings.combine == .median && settings.members.map(\.kind) == [.arima, .naive])
        #expect((settings.members[0].settings as? ARIMASettings)?.specification.order == ARIMAOrder(p: 2, d: 0, q: 1))
        let defaults = try ConfiguredModel.spec(from: try config("model: {model_type: ensemble}"), file: "test.yaml")
        // The default members, each as the config describes its kind (nhits takes `training:`'s seed and budget).
        let members = try #require(defaults.settings as? EnsembleSettings).members
        #expect(members.map(\.kind) == [.gbt, .nhits, .arima])
        #expect((members[1].settings as? NHITSSettings)?.training.seed == 42)
    }

    /// Unknown or nested members are refused with the key path and what to do.
    @Test func badMembersAreRefusedWithTheirKeyPath() throws {
        #expect {
            try config("model: {model_type: ensemble, ensemble: {members: [arima, arimma]}}")
        } throws: { error in
            let e = error as? ConfigError
            return e?.keyPath == "model.ensemble.members[1]" && "\(error)".contains("arima")
        }
        #expect {
            try config("model: {model_type: ensemble, ensemble: {members: [naive, ensemble]}}")
        } throws: { error in
            (error as? ConfigError)?.keyPath == "model.ensemble.members" && "\(error)".contains("other than ensemble")
        }
        #expect {
            try config("model: {ensemble: {members: []}}")
        } throws: { error in "\(error)".contains("one or more catalog models") }
    }

    /// The tiny pipeline with the ensemble beside its two members: trained, evaluated with
    /// `ensemble.*` params, and `select` ranks it among the others on validation.
    @Test func pipelineTrainsEvaluatesAndSelectsAmongTheEnsemble() throws {
        let yaml = TinyPipelineSpec.yaml
            .replacingOccurrences(of: "models: [naive, snaive]", with: "models: [naive, snaive, ensemble]")
            .replacingOccurrences(of: "    model: ${item}\n", with: "    model: ${item}\n    config: ensemble.yaml\n")
        let w = try TinyPipeline.Workspace(yaml: yaml)
        _ = try w.folder.file("ensemble.yaml", Self.ensembleConfig)
        let report = try w.run()
        #expect(report.failed.isEmpty && report.skipped.isEmpty, "\(report.stages)")
        let registry = try w.registry()
        let details = try registry.runDetails(try #require(report.run))
        #expect(Set(details.childRuns.map(\.name)) == ["web-1/cpu/naive", "web-1/cpu/snaive", "web-1/cpu/ensemble"])

        let child = try #require(details.childRuns.first { $0.name.hasSuffix("/ensemble") })
        let run = try registry.runDetails(child.id)
        #expect(run.params["model"] == "ensemble")
        #expect(run.params["ensemble.members"] == "naive,snaive" && run.params["ensemble.combine"] == "weights")
        for minutes in [5, 15, 30] {
            let text = try #require(run.params["ensemble.weights_\(minutes)"], "\(run.params.keys.sorted())")
            let weights = try JSONDecoder().decode([Double].self, from: Data(text.utf8))
            #expect(weights.count == 2 && weights.allSatisfy { $0 >= 0 } && abs(weights.reduce(0, +) - 1) < 1e-9, "\(text)")
        }
        #expect(run.latest["val_mase_15m"]?.isFinite == true && run.latest["relmae_15m"]?.isFinite == true)
        let model = try #require(run.artifacts.first { $0.name == "model.json" })
        let artifact = try ArtifactLoader.load(try registry.readArtifact(model))
        let state = try #require(artifact.state.value as? EnsembleState)
        #expect(state.members.map(\.kind) == [.naive, .snaive])
        #expect(run.params["ensemble.weights_15"] == state.trackingParams["ensemble.weights_15"])

        // select chooses the lowest val_mase_15m of all three, the ensemble included.
        let scored = try details.childRuns.map { (id: $0.id, value: try #require(try registry.runDetails($0.id).latest["val_mase_15m"])) }
        let best = try #require(scored.min { $0.value < $1.value })
        #expect(report.registered.first?.run == best.id)
    }
}
