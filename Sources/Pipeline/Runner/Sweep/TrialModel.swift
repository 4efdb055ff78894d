import Forecasting
import Foundation
import Yams

/// The model of one trial: the stage's config with the trial's values set on their key paths
/// (`model.hidden_size`, `training.learning_rate`, `data.window_size`, …), read by the
/// same `ConfigLoader` and `ConfiguredModel.spec(from:file:kind:)` that build a plain train
/// stage's model, then the stage's `overrides:` on top. So a trial's typed spec is built the
/// one way every config is, with the config's own checks.
///
/// A stage without `config:` sweeps over a config that leaves every key at its default
/// (`format_version: 1`, `metric_name: cpu`); the stage's `model:` kind is kept either way.
enum TrialModel {
    static func spec(stage: TrainStage, parameters: TrialParameters) throws -> ModelSpec {
        let file = stage.configPath ?? "the default config"
        let yaml = try configText(stage.configPath)
        let trialYAML = try withParameters(yaml, parameters, file: file)
        let config = try ConfigLoader.decode(yaml: trialYAML, file: "\(file) with \(parameters)")
        let spec = try ConfiguredModel.spec(from: config, file: file, kind: stage.model.kind)
        return try stage.overrides.apply(to: spec)
    }

    static func configText(_ path: String?) throws -> String {
        guard let path else { return "format_version: 1\nmetric_name: cpu\n" }
        do {
            return try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw PipelineRunError.unreadableInput(path: path, reason: error.localizedDescription)
        }
    }

    /// `yaml` with each parameter's key path set to its value (mappings created on the way).
    static func withParameters(_ yaml: String, _ parameters: TrialParameters, file: String) throws -> String {
        var root = try Yams.compose(yaml: yaml) ?? Node.mapping(Node.Mapping([]))
        for entry in parameters.entries {
            let path = entry.name.split(separator: ".").map(String.init)
            guard let value = try Yams.compose(yaml: ConfigKeys.yamlScalar(entry.value)) else {
                throw SweepRunError.notAMapping(config: file, key: entry.name)
            }
            root = try set(value, at: path[...], in: root, file: file, key: entry.name)
        }
        return try Yams.serialize(node: root)
    }

    private static func set(_ value: Node, at path: ArraySlice<String>, in node: Node, file: String, key: String) throws -> Node {
        guard let first = path.first else { return value }
        guard case .mapping(var mapping) = node else { throw SweepRunError.notAMapping(config: file, key: key) }
        let child = mapping[first] ?? Node.mapping(Node.Mapping([]))
        mapping[first] = try set(value, at: path.dropFirst(), in: child, file: file, key: key)
        return .mapping(mapping)
    }
}
