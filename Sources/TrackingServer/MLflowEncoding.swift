import Foundation
import Tracking

/// Our registry's values in MLflow's JSON shapes (mlflow/protos/service.proto,
/// model_registry.proto). Times are milliseconds since 1970; ids are strings.
enum MLflowEncoding {
    static func milliseconds(_ seconds: Double) -> Int64 { Int64((seconds * 1000).rounded()) }

    static func experiment(_ info: ExperimentInfo) -> [String: Any] {
        [
            "experiment_id": String(info.id), "name": info.name,
            "artifact_location": "mlflow-artifacts:/\(info.id)",
            "lifecycle_stage": info.deleted == nil ? "active" : "deleted",
            "creation_time": milliseconds(info.created), "last_update_time": milliseconds(info.lastActivity),
            "tags": [[String: Any]](),
        ]
    }

    static func keyValues(_ values: [String: String]) -> [[String: Any]] {
        values.sorted { $0.key < $1.key }.map { ["key": $0.key, "value": $0.value] }
    }

    static func metric(key: String, value: Double, timestamp: Double, step: Int64) -> [String: Any] {
        ["key": key, "value": value, "timestamp": milliseconds(timestamp), "step": step]
    }

    /// MLflow's reserved tags that our registry keeps as run attributes instead.
    static let runNameTag = "mlflow.runName"
    static let parentTag = "mlflow.parentRunId"
    static let userTag = "mlflow.user"

    /// `run_info`: the artifact URI points back at this server's `mlflow-artifacts` paths.
    static func runInfo(id: RunID, name: String, experimentId: Int64, status: RunStatus, startTime: Double, endTime: Double?,
                        deleted: Bool, user: String?) -> [String: Any] {
        var info: [String: Any] = [
            "run_id": id.rawValue, "run_uuid": id.rawValue, "run_name": name, "experiment_id": String(experimentId),
            "user_id": user ?? "", "status": status.rawValue, "start_time": milliseconds(startTime),
            "artifact_uri": "mlflow-artifacts:/\(experimentId)/\(id.rawValue)/artifacts",
            "lifecycle_stage": deleted ? "deleted" : "active",
        ]
        if let endTime { info["end_time"] = milliseconds(endTime) }
        return info
    }

    /// The run's tags plus the reserved ones derived from its attributes.
    static func tags(_ tags: [String: String], name: String, parent: RunID?) -> [[String: Any]] {
        var all = tags
        all[runNameTag] = name
        if let parent { all[parentTag] = parent.rawValue }
        return keyValues(all)
    }

    /// A run as runs/create, runs/update and runs/get answer it; each metric's timestamp is the
    /// run's heartbeat (the registry keeps the latest point's step and value, read without history).
    static func run(_ run: RunSnapshot) -> [String: Any] {
        [
            "info": runInfo(id: run.id, name: run.name, experimentId: run.experimentId, status: run.status,
                            startTime: run.startTime, endTime: run.endTime, deleted: run.deleted != nil, user: run.tags[userTag]),
            "data": [
                "metrics": run.latestMetrics.map { metric(key: $0.key, value: $0.value, timestamp: run.heartbeat, step: $0.step) },
                "params": keyValues(run.params),
                "tags": tags(run.tags, name: run.name, parent: run.parent),
            ] as [String: Any],
            "inputs": [String: Any](),
        ]
    }

    static func run(_ summary: RunSummary, experimentId: Int64, deleted: Bool) -> [String: Any] {
        [
            "info": runInfo(id: summary.id, name: summary.name, experimentId: experimentId, status: summary.status,
                            startTime: summary.startTime, endTime: summary.endTime, deleted: deleted, user: summary.tags[userTag]),
            "data": [
                "metrics": summary.metrics.sorted { $0.key < $1.key }.map {
                    metric(key: $0.key, value: $0.value, timestamp: summary.endTime ?? summary.startTime, step: 0)
                },
                "params": keyValues(summary.params),
                "tags": tags(summary.tags, name: summary.name, parent: summary.parent),
            ] as [String: Any],
            "inputs": [String: Any](),
        ]
    }

    static func modelVersion(_ version: ModelSummary.Version, model: String) -> [String: Any] {
        [
            "name": model, "version": String(version.version),
            "creation_timestamp": milliseconds(version.created), "last_updated_timestamp": milliseconds(version.created),
            "current_stage": "None", "description": "", "user_id": "",
            "source": "runs:/\(version.run.rawValue)/\(version.artifact.name)", "run_id": version.run.rawValue,
            "status": "READY", "aliases": version.aliases, "tags": [[String: Any]](),
        ]
    }

    static func registeredModel(_ model: ModelSummary) -> [String: Any] {
        let updated = ([model.created] + model.versions.map(\.created) + model.history.map(\.moved)).max() ?? model.created
        return [
            "name": model.name, "creation_timestamp": milliseconds(model.created),
            "last_updated_timestamp": milliseconds(updated), "description": "",
            "latest_versions": model.versions.last.map { [modelVersion($0, model: model.name)] } ?? [],
            "aliases": model.aliases.sorted { $0.key < $1.key }.map { ["alias": $0.key, "version": String($0.value)] },
            "tags": [[String: Any]](),
        ]
    }
}
