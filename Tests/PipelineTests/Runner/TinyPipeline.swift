import Foundation
import Pipeline
import TestSupport
import Tracking

/// A small pipeline for runner tests: two days of generated 5-minute data, cpu only, the
/// two baselines (fast in debug builds), select on validation, register, report.
enum TinyPipeline {
    static let yaml = TinyPipelineSpec.yaml

    /// A folder holding `tiny.yaml` and the registry `experiments/registry.sqlite`.
    struct Workspace {
        let folder: TemporaryFolder
        let spec: String
        var location: RegistryLocation { RegistryLocation(databasePath: folder.url.appendingPathComponent("experiments/registry.sqlite").path) }

        init(yaml: String = TinyPipeline.yaml) throws {
            folder = try TemporaryFolder(prefix: "pipeline-runner")
            spec = try folder.file("tiny.yaml", yaml)
        }

        func run(_ overrides: [String] = [], jobs: Int = 2, force: ForceSelection = .none, dryRun: Bool = false,
                 events: PipelineEvents = .silent) throws -> PipelineRunReport {
            let options = PipelineRunOptions(file: spec, jobs: jobs, force: force, dryRun: dryRun, overrides: parseOverrides(overrides))
            return try PipelineJob.run(file: spec, overrides: overrides, options: options, registry: location, events: events)
        }

        func status(_ overrides: [String] = []) throws -> PipelineStatus {
            try PipelineJob.status(file: spec, overrides: overrides, registry: location)
        }

        func registry() throws -> Registry { try Registry.open(location, create: false) }
    }
}

extension PipelineRunReport {
    func outcome(_ id: String) -> String? { stages.first { $0.id == id }?.outcome }
    func ids(_ outcome: String) -> [String] { stages.filter { $0.outcome == outcome }.map(\.id) }
}

extension RunDetails {
    /// Latest value per metric key.
    var latest: [String: Double] { Dictionary(uniqueKeysWithValues: metrics.map { ($0.key, $0.latest) }) }
}
