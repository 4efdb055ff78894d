import Hummingbird

/// One MLflow REST endpoint: its method and path under `/api/2.0/mlflow/`, whether it writes
/// (needs the token, refused by --read-only), and its handler.
struct MLflowEndpoint: Sendable {
    let method: HTTPRequest.Method
    let path: String
    let writes: Bool
    let handler: @Sendable (MLflowService, MLflowRequest) throws -> [String: Any]

    static func read(_ method: HTTPRequest.Method, _ path: String,
                     _ handler: @escaping @Sendable (MLflowService, MLflowRequest) throws -> [String: Any]) -> MLflowEndpoint {
        MLflowEndpoint(method: method, path: path, writes: false, handler: handler)
    }

    static func write(_ method: HTTPRequest.Method, _ path: String,
                      _ handler: @escaping @Sendable (MLflowService, MLflowRequest) throws -> [String: Any]) -> MLflowEndpoint {
        MLflowEndpoint(method: method, path: path, writes: true, handler: handler)
    }

    /// Everything served; docs/formats/mlflow-rest.md lists the same table.
    static let all: [MLflowEndpoint] = [
        .write(.post, "experiments/create") { try $0.createExperiment($1) },
        .read(.get, "experiments/get") { try $0.getExperiment($1) },
        .read(.get, "experiments/get-by-name") { try $0.getExperimentByName($1) },
        .read(.post, "experiments/search") { try $0.searchExperiments($1) },
        .read(.get, "experiments/search") { try $0.searchExperiments($1) },
        .write(.post, "experiments/update") { try $0.updateExperiment($1) },
        .write(.post, "experiments/delete") { try $0.setExperimentDeleted($1, true) },
        .write(.post, "experiments/restore") { try $0.setExperimentDeleted($1, false) },

        .write(.post, "runs/create") { try $0.createRun($1) },
        .read(.get, "runs/get") { try $0.getRun($1) },
        .write(.post, "runs/update") { try $0.updateRun($1) },
        .write(.post, "runs/delete") { try $0.setRunDeleted($1, true) },
        .write(.post, "runs/restore") { try $0.setRunDeleted($1, false) },
        .read(.post, "runs/search") { try $0.searchRuns($1) },
        .write(.post, "runs/log-metric") { try $0.logMetric($1) },
        .write(.post, "runs/log-parameter") { try $0.logParameter($1) },
        .write(.post, "runs/log-batch") { try $0.logBatch($1) },
        .write(.post, "runs/set-tag") { try $0.setTag($1) },
        .write(.post, "runs/delete-tag") { try $0.deleteTag($1) },
        .read(.get, "metrics/get-history") { try $0.metricHistory($1) },
        .read(.get, "artifacts/list") { try $0.listRunArtifacts($1) },
        // MLflow 3 looks for "logged models" before listing a run's artifacts; the registry has none.
        .read(.post, "logged-models/search") { _, _ in ["models": [Any]()] },

        .write(.post, "registered-models/create") { try $0.createRegisteredModel($1) },
        .read(.get, "registered-models/get") { try $0.getRegisteredModel($1) },
        .read(.get, "registered-models/search") { try $0.searchRegisteredModels($1) },
        .write(.post, "registered-models/rename") { try $0.renameRegisteredModel($1) },
        .write(.delete, "registered-models/delete") { try $0.refuseImmutable($1) },
        .read(.post, "registered-models/get-latest-versions") { try $0.latestVersions($1) },
        .read(.get, "registered-models/get-latest-versions") { try $0.latestVersions($1) },
        .write(.post, "registered-models/alias") { try $0.setAlias($1) },
        .write(.delete, "registered-models/alias") { try $0.deleteAlias($1) },
        .read(.get, "registered-models/alias") { try $0.getByAlias($1) },
        .write(.post, "model-versions/create") { try $0.createModelVersion($1) },
        .read(.get, "model-versions/get") { try $0.getModelVersion($1) },
        .read(.get, "model-versions/search") { try $0.searchModelVersions($1) },
        .write(.delete, "model-versions/delete") { try $0.refuseImmutable($1) },
    ]
}

extension MLflowService {
    /// The tracking API's artifact listing: `run_id` and a `path` relative to the run's root.
    func listRunArtifacts(_ request: MLflowRequest) throws -> [String: Any] {
        let run = try runID(request)
        let path = request.string("path") ?? ""
        let experimentId = try registry.runSnapshot(run).experimentId
        let checked = try ArtifactPath(raw: "\(experimentId)/\(run.rawValue)/artifacts" + (path.isEmpty ? "" : "/" + path), percentEncoded: false)
        let files = ArtifactListing.children(of: checked.name, in: try registry.artifacts(of: run)).map { file -> [String: Any] in
            var file = file
            if let name = file["path"] as? String, !checked.name.isEmpty { file["path"] = checked.name + "/" + name }
            return file
        }
        return ["root_uri": "mlflow-artifacts:/\(experimentId)/\(run.rawValue)/artifacts", "files": files]
    }
}
