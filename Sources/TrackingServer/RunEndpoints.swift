import Foundation
import Tracking

/// runs/create, get, update, delete, restore, log-metric, log-parameter, log-batch, set-tag,
/// delete-tag; metrics/get-history.
extension MLflowService {
    /// The reserved tags `mlflow.runName` and `mlflow.parentRunId` become the run's name and parent.
    func createRun(_ request: MLflowRequest) throws -> [String: Any] {
        let experiment = try experimentKey(id: request.string("experiment_id") ?? "0")
        var tags: [String: String] = [:]
        for tag in request.objects("tags") { tags[try tag.required("key")] = tag.string("value") ?? "" }
        let name = request.string("run_name") ?? tags.removeValue(forKey: MLflowEncoding.runNameTag)
        tags.removeValue(forKey: MLflowEncoding.runNameTag)
        let parent = try tags.removeValue(forKey: MLflowEncoding.parentTag).map { text in
            do { return try RunID(text) } catch { throw MLflowError.invalid("Tag mlflow.parentRunId '\(text)' is not a run id.") }
        }
        if let user = request.string("user_id"), !user.isEmpty, tags[MLflowEncoding.userTag] == nil { tags[MLflowEncoding.userTag] = user }
        let id = try registry.createRun(RunSpec(experiment: experiment.name, name: name.flatMap { $0.isEmpty ? nil : $0 },
                                                parent: parent, tags: tags))
        return ["run": try encodedRun(id)]
    }

    func getRun(_ request: MLflowRequest) throws -> [String: Any] {
        ["run": try encodedRun(try runID(request))]
    }

    func updateRun(_ request: MLflowRequest) throws -> [String: Any] {
        let run = try runID(request)
        if let name = request.string("run_name"), !name.isEmpty { try registry.renameRun(run, to: name) }
        if let text = request.string("status") {
            guard let status = RunStatus(rawValue: text) else {
                throw MLflowError.invalid("status '\(text)' is not one of RUNNING, SCHEDULED, FINISHED, FAILED, KILLED.")
            }
            try registry.setStatus(run: run, status, endTime: try request.int("end_time").map { Double($0) / 1000 })
        }
        guard let encoded = try encodedRun(run)["info"] else { throw MLflowError.notFound("Run \(run.rawValue) vanished.") }
        return ["run_info": encoded]
    }

    func setRunDeleted(_ request: MLflowRequest, _ deleted: Bool) throws -> [String: Any] {
        try registry.setRunDeleted(try runID(request), deleted)
        return [:]
    }

    func logMetric(_ request: MLflowRequest) throws -> [String: Any] {
        let point = try Self.metricPoint(request)
        try registry.logBatch(run: try runID(request), params: [:], metrics: [point], tags: [:])
        return [:]
    }

    func logParameter(_ request: MLflowRequest) throws -> [String: Any] {
        try registry.logBatch(run: try runID(request), params: [try request.required("key"): request.string("value") ?? ""],
                              metrics: [], tags: [:])
        return [:]
    }

    func setTag(_ request: MLflowRequest) throws -> [String: Any] {
        try applyTags([try request.required("key"): request.string("value") ?? ""], run: try runID(request))
        return [:]
    }

    func deleteTag(_ request: MLflowRequest) throws -> [String: Any] {
        try registry.deleteTag(run: try runID(request), key: try request.required("key"))
        return [:]
    }

    /// One transaction for the whole batch: params, metrics and tags all land or none does.
    func logBatch(_ request: MLflowRequest) throws -> [String: Any] {
        let run = try runID(request)
        var params: [String: String] = [:]
        for param in request.objects("params") { params[try param.required("key")] = param.string("value") ?? "" }
        var tags: [String: String] = [:]
        for tag in request.objects("tags") { tags[try tag.required("key")] = tag.string("value") ?? "" }
        let metrics = try request.objects("metrics").map(Self.metricPoint)
        if let name = tags.removeValue(forKey: MLflowEncoding.runNameTag) { try registry.renameRun(run, to: name) }
        try registry.logBatch(run: run, params: params, metrics: metrics, tags: tags)
        return [:]
    }

    /// Tags, with `mlflow.runName` renaming the run instead of being stored.
    private func applyTags(_ tags: [String: String], run: RunID) throws {
        var rest = tags
        if let name = rest.removeValue(forKey: MLflowEncoding.runNameTag) { try registry.renameRun(run, to: name) }
        if !rest.isEmpty { try registry.logBatch(run: run, params: [:], metrics: [], tags: rest) }
    }

    /// `{key, value, timestamp (ms), step}` → a point (timestamp in seconds).
    static func metricPoint(_ request: MLflowRequest) throws -> MetricPoint {
        guard let value = try request.double("value") else { throw MLflowError.missing("value") }
        return MetricPoint(key: try request.required("key"), value: value, step: try request.int("step") ?? 0,
                           timestamp: try request.int("timestamp").map { Double($0) / 1000 })
    }

    /// Every logged value of `metric_key`, by step, paged by `max_results` / `page_token`.
    func metricHistory(_ request: MLflowRequest) throws -> [String: Any] {
        let run = try runID(request)
        let key = try request.required("metric_key")
        let points = try registry.metricHistories(runs: [run], key: key)[run] ?? []
        let page = try Page(request, defaultSize: 25_000)
        let (items, next) = page.slice(points)
        var response: [String: Any] = ["metrics": items.map { MLflowEncoding.metric(key: key, value: $0.value, timestamp: $0.timestamp, step: $0.step) }]
        if let next { response["next_page_token"] = next }
        return response
    }
}
