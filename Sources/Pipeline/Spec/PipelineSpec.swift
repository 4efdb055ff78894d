import Foundation
import Yams

/// A pipeline file (`Pipelines/*.yaml`, format 1: docs/formats/pipeline-yaml.md), decoded
/// once and checked before anything runs: `format_version`, `name`, `params` (with the
/// `--set` values applied), the declared `stages`, and the `plan` they expand to.
///
/// Reading goes through the same node tree and `ConfigMapping` accessors as the per-metric
/// configs, so every error carries its key path and `file:line:column`; unlike a config,
/// reading goes on after an error and `PipelineSpecError` lists all of them by line.
public struct PipelineSpec: Sendable {
    /// Versions of the pipeline layout this build reads.
    public static let supportedFormatVersions = [1]

    /// The file as given to `load`.
    public let file: String
    public let formatVersion: Int
    public let name: String
    /// `params:` in file order, with `--set` values applied.
    public let params: [PipelineParam]
    /// The stages as declared, in file order.
    public let stages: [StageDeclaration]
    /// The stage instances in run order.
    public let plan: PipelinePlan

    enum Key: String, CaseIterable {
        case formatVersion = "format_version", name, params, stages
    }

    /// Reads and checks the pipeline at `path`. `overrides` are `--set NAME=VALUE`
    /// arguments; each must name a parameter and match its default's type. `config:` paths
    /// inside are relative to the pipeline file's folder.
    public static func load(path: String, overrides: [String] = []) throws(PipelineSpecError) -> PipelineSpec {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw PipelineSpecError(file: path, errors: [
                ConfigError(.unreadable(reason: error.localizedDescription), keyPath: "", location: ConfigLocation(file: path, line: 0, column: 0)),
            ])
        }
        return try decode(yaml: text, file: path, baseDirectory: (path as NSString).deletingLastPathComponent, overrides: overrides)
    }

    /// Decodes YAML text; `file` names it in errors, `baseDirectory` is where relative
    /// `config:` paths start.
    public static func decode(yaml: String, file: String, baseDirectory: String, overrides: [String] = []) throws(PipelineSpecError) -> PipelineSpec {
        let start = ConfigLocation(file: file, line: 1, column: 1)
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch {
            throw PipelineSpecError(file: file, errors: [ConfigLoader.yamlError(error, file: file)])
        }
        var d = SpecDiagnostics()
        var unknown: [ConfigError] = []
        let top: ConfigMapping<Key>
        do {
            try ConfigLoader.checkFormatVersion(root, file: file, fallback: start, supported: supportedFormatVersions)
            top = try ConfigMapping<Key>(root, path: "", file: file, fallback: start, unknownKeys: &unknown)
        } catch {
            throw PipelineSpecError(file: file, errors: [error])
        }
        d.add(contentsOf: unknown)
        let version = d.check { () throws(ConfigError) in try top.int(.formatVersion, default: nil, example: "format_version: 1").value }
        let name = d.check { () throws(ConfigError) in
            let value = try top.requiredString(.name, example: "name: quickstart")
            guard !value.isEmpty else { throw top.error(.outOfRange(value: "\"\"", advice: "name the pipeline, e.g. name: quickstart"), .name) }
            return value
        }
        var params = ParamTable.decode(top.node(.params), file: file, fallback: top.location(.params), diagnostics: &d)
        params.apply(overrides: overrides, diagnostics: &d)
        params.checkComplete(file: file, diagnostics: &d)
        let reader = StagesReader(file: file, baseDirectory: baseDirectory, params: params)
        let (declarations, instances) = reader.read(top.node(.stages), fallback: top.location(.stages), diagnostics: &d)
        let graph = StageGraph(instances: instances, diagnostics: &d)
        for cycle in graph.cycles() {
            let first = instances[cycle[0]]
            d.add(ConfigError(.cycle(cycle.map { instances[$0].id }), keyPath: first.needsKeyPath, location: first.needsLocation))
        }
        guard d.isEmpty, let version, let name else {
            throw PipelineSpecError(file: file, errors: d.sorted(primaryFile: file))
        }
        let planned = graph.topologicalOrder().compactMap { i -> PlannedStage? in
            let instance = instances[i]
            guard let section = instance.section else { return nil }
            return PlannedStage(id: instance.id, name: instance.name, bindings: instance.bindings,
                                inputs: graph.inputs[i].map { instances[$0].id }, section: section, location: instance.location)
        }
        return PipelineSpec(file: file, formatVersion: version, name: name, params: params.resolved, stages: declarations,
                            plan: PipelinePlan(name: name, params: params.resolved, stages: planned))
    }
}

/// A stage as declared: its name, kind and fan-out.
public struct StageDeclaration: Sendable, Equatable {
    public let name: String
    public let kind: StageKind
    public let fanOut: StageFanOut
    public let location: ConfigLocation

    public init(name: String, kind: StageKind, fanOut: StageFanOut, location: ConfigLocation) {
        self.name = name
        self.kind = kind
        self.fanOut = fanOut
        self.location = location
    }
}
