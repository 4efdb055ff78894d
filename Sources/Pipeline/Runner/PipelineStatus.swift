import Foundation

/// `autoscale pipeline status`: per stage instance, whether its cache entry is up to date,
/// and when not, why (as `dvc status`): never run, which parameters changed since the
/// last run, its inputs changed, or a stage it needs is stale. Reads only the spec, the
/// cache's manifests and `pipelines/<name>.json`; runs nothing and opens no registry.
public struct PipelineStatus: Sendable, Encodable {
    public struct Stage: Sendable, Encodable {
        public var id: String
        public var kind: String
        /// "up to date" or "stale".
        public var state: String
        public var reasons: [String]
    }

    public var pipeline: String
    public var stages: [Stage]

    public var stale: [Stage] { stages.filter { $0.state != "up to date" } }

    init(plan: PipelinePlan, cache: StageCache) throws {
        let previous = try PipelineState.load(cache: cache, pipeline: plan.name)
        let index = Dictionary(uniqueKeysWithValues: plan.stages.enumerated().map { ($1.id, $0) })
        var hashes: [String?] = Array(repeating: nil, count: plan.stages.count)
        var result: [Stage] = []
        for (i, stage) in plan.stages.enumerated() {
            let inputs = stage.inputs.compactMap { index[$0] }
            if let stale = inputs.first(where: { hashes[$0] == nil }) {
                result.append(Stage(id: stage.id, kind: stage.kind.rawValue, state: "stale", reasons: ["needs \(plan.stages[stale].id), which is stale"]))
                continue
            }
            let fingerprint: StageFingerprint
            do {
                fingerprint = try StageFingerprint.of(stage, inputs: inputs.map { hashes[$0] ?? "" })
            } catch {
                result.append(Stage(id: stage.id, kind: stage.kind.rawValue, state: "stale", reasons: ["\(error)"]))
                continue
            }
            if let manifest = try cache.manifest(try fingerprint.key()) {
                hashes[i] = manifest.productHash
                result.append(Stage(id: stage.id, kind: stage.kind.rawValue, state: "up to date", reasons: []))
                continue
            }
            var reasons = ["never run"]
            if let old = previous.stages[stage.id] {
                reasons = fingerprint.changes(since: old)
                if reasons.isEmpty { reasons = ["its cache entry was removed"] }
            }
            if stage.kind == .ingest, case .ingest(let ingest) = stage.section, case .collect = ingest.source {
                reasons = ["reads this machine's counters, so it always runs"]
            }
            result.append(Stage(id: stage.id, kind: stage.kind.rawValue, state: "stale", reasons: reasons))
        }
        pipeline = plan.name
        stages = result
    }
}
