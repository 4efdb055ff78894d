import Foundation
import TestSupport
import Testing
import Tracking
import TrackingServer

/// runs/create answers from what it has just written plus one read of the run (no experiment
/// or deletion lookups): the answer is still the run exactly as runs/get reads it back.
@Suite struct CreateRunAnswerTests {
    @Test func createAnswersTheRunAsGetReadsIt() async throws {
        let server = try await RunningServer.start()
        defer { Task { await server.stop() } }
        let experimentId = try #require(try await server.post("experiments/create", ["name": "answers"]).json["experiment_id"] as? String)
        for (experiment, name) in [(experimentId, "first"), ("0", "in-default")] {
            let created = try await server.post("runs/create", [
                "experiment_id": experiment, "run_name": name, "user_id": "ana",
                "tags": [["key": "team", "value": "a"], ["key": "mlflow.parentRunId", "value": String(repeating: "0", count: 32)]],
            ])
            // A parent that does not exist is refused, and nothing is created.
            #expect(created.errorCode == "RESOURCE_DOES_NOT_EXIST")
            let answer = try await server.post("runs/create", [
                "experiment_id": experiment, "run_name": name, "user_id": "ana", "tags": [["key": "team", "value": "a"]],
            ])
            let run = try #require(answer.json["run"] as? [String: Any])
            let id = try #require((run["info"] as? [String: Any])?["run_id"] as? String)
            let read = try #require(try await server.get("runs/get", "run_id=\(id)").json["run"] as? [String: Any])
            #expect(try Self.canonical(run) == Self.canonical(read))
            let info = try #require(run["info"] as? [String: Any])
            #expect(info["lifecycle_stage"] as? String == "active")
            #expect(info["run_name"] as? String == name)
            #expect(info["user_id"] as? String == "ana")
        }
        let defaultId = try #require(((try await server.get("experiments/get-by-name", "experiment_name=Default").json["experiment"]) as? [String: Any])?["experiment_id"] as? String)
        let runs = try await server.post("runs/search", ["experiment_ids": [defaultId]]).json["runs"] as? [[String: Any]]
        #expect(runs?.count == 1)
        #expect((runs?.first?["info"] as? [String: Any])?["experiment_id"] as? String == defaultId)
    }

    /// JSON text with sorted keys: equal text, equal objects.
    static func canonical(_ object: [String: Any]) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
    }
}
