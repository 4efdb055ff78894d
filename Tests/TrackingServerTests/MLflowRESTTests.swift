import Foundation
import TestSupport
import Testing
import Tracking
import TrackingServer

/// MLflow's REST calls over a real socket, answered from the registry file, which the `runs`
/// library (and so `runs list`) reads back.
@Suite struct MLflowRESTTests {
    @Test func experimentsAndRunsRoundTrip() async throws {
        let server = try await RunningServer.start()
        defer { Task { await server.stop() } }
        let created = try await server.post("experiments/create", ["name": "rest"])
        #expect(created.status == 200)
        let experimentId = try #require(created.json["experiment_id"] as? String)
        #expect(try await server.post("experiments/create", ["name": "rest"]).errorCode == "RESOURCE_ALREADY_EXISTS")
        let byName = try await server.get("experiments/get-by-name", "experiment_name=rest").json["experiment"] as? [String: Any]
        #expect(byName?["experiment_id"] as? String == experimentId)
        #expect(byName?["artifact_location"] as? String == "mlflow-artifacts:/\(experimentId)")

        let run = try await server.post("runs/create", ["experiment_id": experimentId, "run_name": "first",
                                                  "tags": [["key": "team", "value": "a"]]]).json["run"] as? [String: Any]
        let info = try #require(run?["info"] as? [String: Any])
        let runId = try #require(info["run_id"] as? String)
        #expect(info["status"] as? String == "RUNNING")
        #expect(info["artifact_uri"] as? String == "mlflow-artifacts:/\(experimentId)/\(runId)/artifacts")
        var points: [[String: Any]] = []
        for step in 0..<5 {
            let point: [String: Any] = ["key": "loss", "value": 1.0 / Double(step + 1), "timestamp": 1_700_000_000_000 + step, "step": step]
            points.append(point)
        }
        points.append(["key": "odd", "value": "NaN", "timestamp": 1_700_000_000_000, "step": 0])
        let batch: [String: Any] = [
            "run_id": runId,
            "metrics": points,
            "params": [["key": "model", "value": "lstm"]],
            "tags": [["key": "stage", "value": "train"]],
        ]
        #expect(try await server.post("runs/log-batch", batch).status == 200)
        #expect(try await server.post("runs/log-parameter", ["run_id": runId, "key": "model", "value": "arima"]).errorCode == "INVALID_PARAMETER_VALUE")
        #expect(try await server.post("runs/update", ["run_id": runId, "status": "FINISHED", "end_time": 1_700_000_100_000]).status == 200)

        let fetched = try await server.get("runs/get", "run_id=\(runId)").json["run"] as? [String: Any]
        let data = try #require(fetched?["data"] as? [String: Any])
        let metrics = (data["metrics"] as? [[String: Any]] ?? []).reduce(into: [String: Any]()) { $0[$1["key"] as? String ?? ""] = $1["value"] }
        #expect(metrics["loss"] as? Double == 0.2)
        #expect(metrics["odd"] as? String == "NaN")
        let tags = (data["tags"] as? [[String: Any]] ?? []).reduce(into: [String: String]()) { $0[$1["key"] as? String ?? ""] = $1["value"] as? String }
        #expect(tags == ["team": "a", "stage": "train", "mlflow.runName": "first"])
        #expect((fetched?["info"] as? [String: Any])?["status"] as? String == "FINISHED")

        // Paged history: 2 + 2 + 1 points.
        var steps: [Int] = []
        var token = ""
        repeat {
            let page = try await server.get("metrics/get-history", "run_id=\(runId)&metric_key=loss&max_results=2" + (token.isEmpty ? "" : "&page_token=\(token)")).json
            steps += (page["metrics"] as? [[String: Any]] ?? []).compactMap { ($0["step"] as? NSNumber)?.intValue }
            token = page["next_page_token"] as? String ?? ""
        } while !token.isEmpty
        #expect(steps == [0, 1, 2, 3, 4])

        // The registry file holds the run: what `runs list` reads.
        let registry = try Registry.openForReading(server.location)
        let listed = try registry.searchRuns(RunSearch(experiment: "rest", details: true)).runs
        #expect(listed.map(\.name) == ["first"])
        #expect(listed.first?.params == ["model": "lstm"])
        #expect(listed.first?.status == .finished)
    }

    @Test func searchUsesMLflowSyntaxAndOurs() async throws {
        let server = try await RunningServer.start()
        defer { Task { await server.stop() } }
        // Runs logged by the library (as pipelines do) are found through the REST API.
        let registry = try Registry.open(server.location)
        var ids: [String: RunID] = [:]
        for (name, mae) in [("a", 0.1), ("b", 0.4), ("c", 0.7)] {
            let run = try registry.createRun(RunSpec(experiment: "search", name: name))
            try registry.logBatch(run: run, params: ["model": name == "c" ? "lstm" : "arima"], metrics: [MetricPoint(key: "mae", value: mae)], tags: [:])
            ids[name] = run
        }
        let experimentId = try #require(registry.experimentInfo(name: "search")?.id)
        func names(_ filter: String, order: [String] = []) async throws -> [String] {
            let response = try await server.post("runs/search", ["experiment_ids": [String(experimentId)], "filter": filter, "order_by": order])
            #expect(response.status == 200, "\(String(decoding: response.body, as: UTF8.self))")
            return (response.json["runs"] as? [[String: Any]] ?? []).compactMap { ($0["info"] as? [String: Any])?["run_name"] as? String }
        }
        #expect(try await names("metrics.mae < 0.5", order: ["metrics.mae DESC"]) == ["b", "a"])
        #expect(try await names("params.model = 'lstm' or (metrics.mae < 0.2 and params.model = 'arima')", order: ["metrics.mae ASC"]) == ["a", "c"])
        #expect(try await names("tags.mlflow.runName = 'b'") == ["b"])
        #expect(try await names("metrics.never_logged > 1") == [])
        #expect(try await server.post("runs/search", ["experiment_ids": [String(experimentId)], "filter": "metrics.mae <"]).errorCode == "INVALID_PARAMETER_VALUE")

        // Soft delete hides a run from searches; restore brings it back; `runs` sees the same.
        let b = try #require(ids["b"])
        #expect(try await server.post("runs/delete", ["run_id": b.rawValue]).status == 200)
        #expect(try await names("", order: ["attributes.run_name ASC"]) == ["a", "c"])
        #expect(try registry.searchRuns(RunSearch(experiment: "search")).runs.count == 2)
        #expect(try await server.post("runs/restore", ["run_id": b.rawValue]).status == 200)
        #expect(try await names("", order: ["attributes.run_name ASC"]) == ["a", "b", "c"])

        // Paging: 2 + 1.
        let first = try await server.post("runs/search", ["experiment_ids": [String(experimentId)], "max_results": 2, "order_by": ["metrics.mae ASC"]]).json
        let token = try #require(first["next_page_token"] as? String)
        let second = try await server.post("runs/search", ["experiment_ids": [String(experimentId)], "max_results": 2, "order_by": ["metrics.mae ASC"], "page_token": token]).json
        #expect((second["runs"] as? [Any])?.count == 1)
        #expect(second["next_page_token"] == nil)
    }

    @Test func experimentLifecycleAndTags() async throws {
        let server = try await RunningServer.start()
        defer { Task { await server.stop() } }
        let id = try #require(try await server.post("experiments/create", ["name": "old"]).json["experiment_id"] as? String)
        #expect(try await server.post("experiments/update", ["experiment_id": id, "new_name": "new"]).status == 200)
        #expect((try await server.get("experiments/get", "experiment_id=\(id)").json["experiment"] as? [String: Any])?["name"] as? String == "new")
        #expect(try await server.post("experiments/delete", ["experiment_id": id]).status == 200)
        let active = try await server.post("experiments/search", ["max_results": 10]).json["experiments"] as? [[String: Any]] ?? []
        #expect(!active.contains { $0["experiment_id"] as? String == id })
        let deleted = try await server.post("experiments/search", ["view_type": "DELETED_ONLY"]).json["experiments"] as? [[String: Any]] ?? []
        #expect(deleted.map { $0["lifecycle_stage"] as? String } == ["deleted"])
        #expect(try await server.post("experiments/restore", ["experiment_id": id]).status == 200)
        _ = try await server.post("experiments/create", ["name": "newer_one"])
        func experimentNames(_ filter: String) async throws -> [String] {
            (try await server.post("experiments/search", ["filter": filter]).json["experiments"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }.sorted()
        }
        #expect(try await experimentNames("name LIKE 'ne%'") == ["new", "newer_one"])
        #expect(try await experimentNames("name LIKE 'new_'") == [])
        #expect(try await experimentNames("name ILIKE 'NEW%ONE'") == ["newer_one"])
        #expect(try await experimentNames("name = 'new'") == ["new"])
        #expect(try await server.post("experiments/search", ["filter": "tags.x = 'y'"]).errorCode == "INVALID_PARAMETER_VALUE")
        #expect(try await server.get("experiments/get", "experiment_id=999").errorCode == "RESOURCE_DOES_NOT_EXIST")
        #expect(try await server.get("experiments/get", "experiment_id=999").status == 404)

        let run = try await server.post("runs/create", ["experiment_id": id]).json["run"] as? [String: Any]
        let runId = try #require((run?["info"] as? [String: Any])?["run_id"] as? String)
        #expect(try await server.post("runs/set-tag", ["run_id": runId, "key": "k", "value": "v"]).status == 200)
        #expect(try await server.post("runs/delete-tag", ["run_id": runId, "key": "k"]).status == 200)
        #expect(try await server.post("runs/delete-tag", ["run_id": runId, "key": "k"]).errorCode == "INVALID_PARAMETER_VALUE")
        #expect(try await server.post("runs/set-tag", ["run_id": runId, "key": "mlflow.runName", "value": "renamed"]).status == 200)
        let details = try Registry.openForReading(server.location).runDetails(RunID(runId))
        #expect(details.header.name == "renamed")
        #expect(details.tags.isEmpty)
        #expect(try await server.get("runs/get", "run_id=\(String(repeating: "0", count: 32))").errorCode == "RESOURCE_DOES_NOT_EXIST")
    }

    @Test func artifactsAndModelRegistry() async throws {
        let server = try await RunningServer.start()
        defer { Task { await server.stop() } }
        let run = try await server.post("runs/create", ["experiment_id": "0", "run_name": "trained"]).json["run"] as? [String: Any]
        let info = try #require(run?["info"] as? [String: Any])
        let runId = try #require(info["run_id"] as? String)
        let experimentId = try #require(info["experiment_id"] as? String)
        let root = "/api/2.0/mlflow-artifacts/artifacts/\(experimentId)/\(runId)/artifacts"
        let bytes = Data("weights 0.25 0.5\n".utf8)
        #expect(try await server.client.send("PUT", root + "/model/weights%20v1.txt", body: bytes).status == 200)
        #expect(try await server.client.send("PUT", root + "/model/MLmodel", body: Data("flavors: {}\n".utf8)).status == 200)
        let downloaded = try await server.client.send("GET", root + "/model/weights%20v1.txt")
        #expect(downloaded.status == 200)
        #expect(downloaded.body == bytes)
        let listed = try await server.client.send("GET", "/api/2.0/mlflow-artifacts/artifacts?path=\(experimentId)/\(runId)/artifacts/model").json
        #expect((listed["files"] as? [[String: Any]])?.compactMap { $0["path"] as? String } == ["MLmodel", "weights v1.txt"])
        // Stored content-addressed: the registry's reference carries the SHA-256 of the bytes.
        let stored = try Registry.openForReading(server.location).artifacts(of: RunID(runId))
        let reference = try #require(stored.first { $0.name == "model/weights v1.txt" })
        #expect(reference.size == Int64(bytes.count))
        #expect(reference.path.contains(reference.sha256))
        #expect(try Registry.openForReading(server.location).readArtifact(reference) == bytes)

        #expect(try await server.post("registered-models/create", ["name": "forecaster"]).status == 200)
        let version = try await server.post("model-versions/create", ["name": "forecaster", "source": "runs:/\(runId)/model", "run_id": runId]).json["model_version"] as? [String: Any]
        #expect(version?["version"] as? String == "1")
        #expect(version?["source"] as? String == "runs:/\(runId)/model/MLmodel")
        #expect(try await server.post("registered-models/alias", ["name": "forecaster", "alias": "champion", "version": "1"]).status == 200)
        let byAlias = try await server.get("registered-models/alias", "name=forecaster&alias=champion").json["model_version"] as? [String: Any]
        #expect(byAlias?["run_id"] as? String == runId)
        #expect(byAlias?["aliases"] as? [String] == ["champion"])
        #expect(try await server.post("registered-models/rename", ["name": "forecaster", "new_name": "cpu-forecaster"]).status == 200)
        let models = try Registry.openForReading(server.location).models()
        #expect(models.map(\.name) == ["cpu-forecaster"])
        #expect(models.first?.aliases == ["champion": 1])
        #expect(models.first?.history.count == 1)
        let deleteAlias = try await server.client.json("DELETE", "/api/2.0/mlflow/registered-models/alias", ["name": "cpu-forecaster", "alias": "champion"])
        #expect(deleteAlias.status == 200)
        #expect(try await server.get("registered-models/alias", "name=cpu-forecaster&alias=champion").errorCode == "RESOURCE_DOES_NOT_EXIST")
        let delete = try await server.client.json("DELETE", "/api/2.0/mlflow/model-versions/delete", ["name": "cpu-forecaster", "version": "1"])
        #expect(delete.errorCode == "INVALID_STATE")
    }

    @Test func unknownPathsAnswerInMLflowFormat() async throws {
        let server = try await RunningServer.start()
        defer { Task { await server.stop() } }
        for (method, path) in [("POST", "/api/2.0/mlflow/runs/log-inputs"), ("GET", "/api/2.0/mlflow/nothing"), ("GET", "/nothing-here"), ("DELETE", "/api/2.0/mlflow/runs/get")] {
            let response = try await server.client.send(method, path)
            #expect(response.status == 404, "\(method) \(path)")
            #expect(response.errorCode == "ENDPOINT_NOT_FOUND", "\(method) \(path)")
        }
        let malformed = try await server.client.send("POST", "/api/2.0/mlflow/runs/create", body: Data("{not json".utf8))
        #expect(malformed.status == 400)
        #expect(malformed.errorCode == "MALFORMED_REQUEST")
        #expect(try await server.post("runs/log-metric", ["run_id": "x", "key": "m", "value": 1]).status == 404)
        #expect(try await server.get("runs/get").errorCode == "INVALID_PARAMETER_VALUE")
    }
}
