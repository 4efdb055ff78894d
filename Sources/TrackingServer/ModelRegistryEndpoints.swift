import Foundation
import Tracking

/// registered-models create, get, search, rename, get-latest-versions; model-versions create,
/// get, search; aliases set, delete, get. Versions are immutable in our registry, so deleting a
/// model or a version is refused with a message saying so.
extension MLflowService {
    func model(_ name: String) throws -> ModelSummary {
        guard let model = try registry.models().first(where: { $0.name == name }) else {
            throw MLflowError.notFound("Registered Model with name=\(name) not found")
        }
        return model
    }

    func createRegisteredModel(_ request: MLflowRequest) throws -> [String: Any] {
        let name = try request.required("name")
        if try registry.models().contains(where: { $0.name == name }) {
            throw MLflowError.exists("Registered Model (name=\(name)) already exists.")
        }
        try registry.createModel(name)
        return ["registered_model": MLflowEncoding.registeredModel(try model(name))]
    }

    func getRegisteredModel(_ request: MLflowRequest) throws -> [String: Any] {
        ["registered_model": MLflowEncoding.registeredModel(try model(try request.required("name")))]
    }

    /// Filter `name = '…'` / `name LIKE '…'` (the experiment filter rules), by name, paged.
    func searchRegisteredModels(_ request: MLflowRequest) throws -> [String: Any] {
        var models = try registry.models()
        if let filter = request.string("filter"), !filter.trimmingCharacters(in: .whitespaces).isEmpty {
            let match = try ExperimentNameFilter(filter)
            models = models.filter { match.accepts($0.name) }
        }
        let (items, next) = try Page(request, defaultSize: 100).slice(models)
        var response: [String: Any] = ["registered_models": items.map(MLflowEncoding.registeredModel)]
        if let next { response["next_page_token"] = next }
        return response
    }

    func renameRegisteredModel(_ request: MLflowRequest) throws -> [String: Any] {
        let name = try request.required("name"), newName = try request.required("new_name")
        _ = try model(name)
        try registry.renameModel(name, to: newName)
        return ["registered_model": MLflowEncoding.registeredModel(try model(newName))]
    }

    func latestVersions(_ request: MLflowRequest) throws -> [String: Any] {
        let model = try model(try request.required("name"))
        return ["model_versions": model.versions.last.map { [MLflowEncoding.modelVersion($0, model: model.name)] } ?? []]
    }

    /// `source` is `runs:/<run>/<path>` or `mlflow-artifacts:/<exp>/<run>/artifacts/<path>`; the
    /// version is registered from the run's artifact `<path>`, else `<path>/MLmodel`, else the
    /// only artifact under `<path>/` (our versions point at one content-addressed artifact).
    func createModelVersion(_ request: MLflowRequest) throws -> [String: Any] {
        let name = try request.required("name")
        let source = try request.required("source")
        let (run, path) = try Self.parseSource(source, runId: request.string("run_id"))
        let artifact = try modelArtifact(run: run, path: path, source: source)
        let promotion = try registry.promote(run: run, model: name, artifact: artifact, alias: nil, reason: "mlflow model-versions/create")
        return ["model_version": try encodedVersion(model: name, version: promotion.version)]
    }

    static func parseSource(_ source: String, runId: String?) throws -> (RunID, String) {
        let invalid = MLflowError.invalid("Model version source '\(source)' is not runs:/<run id>/<path> or mlflow-artifacts:/<experiment>/<run id>/artifacts/<path>.")
        if source.hasPrefix("runs:/") {
            let parts = source.dropFirst("runs:/".count).split(separator: "/", maxSplits: 1).map(String.init)
            guard let first = parts.first, let run = try? RunID(first) else { throw invalid }
            return (run, parts.count > 1 ? parts[1] : "")
        }
        if source.hasPrefix("mlflow-artifacts:/") {
            let path = try ArtifactPath(raw: String(source.dropFirst("mlflow-artifacts:/".count)), percentEncoded: false)
            return (path.run, path.name)
        }
        if let runId, let run = try? RunID(runId) { return (run, "") }
        throw invalid
    }

    func modelArtifact(run: RunID, path: String, source: String) throws -> String? {
        let artifacts = try registry.artifacts(of: run).map(\.name)
        if path.isEmpty { return nil }
        if artifacts.contains(path) { return path }
        if artifacts.contains(path + "/MLmodel") { return path + "/MLmodel" }
        let inside = artifacts.filter { $0.hasPrefix(path + "/") }
        if inside.count == 1 { return inside[0] }
        if inside.isEmpty {
            throw MLflowError.notFound("Run \(run.rawValue) has no artifact '\(path)' for source '\(source)' (artifacts: \(artifacts.joined(separator: ", "))).")
        }
        throw MLflowError.invalid("Source '\(source)' names a folder of \(inside.count) artifacts and no MLmodel; a version points at one artifact here — name it (\(inside.joined(separator: ", "))).")
    }

    func encodedVersion(model name: String, version: Int64) throws -> [String: Any] {
        let model = try model(name)
        guard let found = model.versions.first(where: { $0.version == version }) else {
            throw MLflowError.notFound("Model Version (name=\(name), version=\(version)) not found")
        }
        return MLflowEncoding.modelVersion(found, model: name)
    }

    func getModelVersion(_ request: MLflowRequest) throws -> [String: Any] {
        guard let version = try request.int("version") else { throw MLflowError.missing("version") }
        return ["model_version": try encodedVersion(model: try request.required("name"), version: version)]
    }

    /// Filter `name = '…'` or `run_id = '…'`.
    func searchModelVersions(_ request: MLflowRequest) throws -> [String: Any] {
        let filter = request.string("filter") ?? ""
        let pattern = #"^\s*(name|run_id)\s*=\s*'([^']*)'\s*$"#
        let regex = try NSRegularExpression(pattern: pattern)
        var versions: [[String: Any]] = []
        let models = try registry.models()
        let match = regex.firstMatch(in: filter, range: NSRange(filter.startIndex..., in: filter))
        if !filter.trimmingCharacters(in: .whitespaces).isEmpty, match == nil {
            throw MLflowError.invalid("Model version filter '\(filter)' is not supported; use name = '…' or run_id = '…'.")
        }
        let field = match.flatMap { Range($0.range(at: 1), in: filter) }.map { String(filter[$0]) }
        let value = match.flatMap { Range($0.range(at: 2), in: filter) }.map { String(filter[$0]) }
        for model in models where field != "name" || model.name == value {
            for version in model.versions where field != "run_id" || version.run.rawValue == value {
                versions.append(MLflowEncoding.modelVersion(version, model: model.name))
            }
        }
        let (items, next) = try Page(request, defaultSize: 200).slice(versions)
        var response: [String: Any] = ["model_versions": items]
        if let next { response["next_page_token"] = next }
        return response
    }

    func setAlias(_ request: MLflowRequest) throws -> [String: Any] {
        guard let version = try request.int("version") else { throw MLflowError.missing("version") }
        _ = try registry.setAlias(model: try request.required("name"), alias: try request.required("alias"), version: version,
                                  reason: "mlflow registered-models/alias")
        return [:]
    }

    func deleteAlias(_ request: MLflowRequest) throws -> [String: Any] {
        try registry.deleteAlias(model: try request.required("name"), alias: try request.required("alias"))
        return [:]
    }

    func getByAlias(_ request: MLflowRequest) throws -> [String: Any] {
        let name = try request.required("name")
        let version = try registry.resolveAlias(model: name, alias: try request.required("alias"))
        return ["model_version": try encodedVersion(model: name, version: version.version)]
    }

    func refuseImmutable(_ request: MLflowRequest) throws -> [String: Any] {
        throw MLflowError("INVALID_STATE", "Registered models and model versions are immutable in this registry (it keeps every version for rollback); move or delete an alias instead.", status: .badRequest)
    }
}
