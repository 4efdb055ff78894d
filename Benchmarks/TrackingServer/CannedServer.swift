import Foundation
import Hummingbird
import Synchronization

/// The "client floor" of bench-tracking-server: an HTTP server (Hummingbird, as `runs server`)
/// that answers every call the benchmark's client makes with a fixed, valid MLflow response and
/// does no other work — no JSON parsing, no registry. The client's seconds against it are what
/// the Python client, the HTTP exchange on 127.0.0.1 and Hummingbird cost by themselves; what a
/// real server takes on top of that is its own work.
///
/// Answers (POST under /api/2.0/mlflow/): experiments/create `{"experiment_id": "1"}`;
/// runs/create a RUNNING run with a fresh 32-hex id; runs/update its `run_info` and GET runs/get the run;
/// runs/log-metric and runs/log-batch `{}`; runs/search `searchRuns` runs with a `score` metric
/// and a `model` param. GET experiments/get-by-name (the readiness probe) answers the Default experiment.
struct CannedServer: Sendable {
    let port: Int
    let searchRuns: Int

    func run() async throws {
        let router = Router()
        let nextRun = RunCounter()
        let search = Self.body(Self.searchResponse(runs: searchRuns))
        let empty = Self.body("{}")
        let prefix = "/api/2.0/mlflow/"
        router.get(RouterPath(prefix + "experiments/get-by-name")) { _, _ in
            Self.json(Self.body(#"{"experiment": {"experiment_id": "0", "name": "Default", "lifecycle_stage": "active"}}"#))
        }
        router.post(RouterPath(prefix + "experiments/create")) { _, _ in Self.json(Self.body(#"{"experiment_id": "1"}"#)) }
        router.post(RouterPath(prefix + "runs/create")) { _, _ in
            let number = nextRun.next()
            return Self.json(Self.body(#"{"run": {"info": \#(Self.runInfo(number)), "data": {"tags": []}, "inputs": {}}}"#))
        }
        // `set_terminated` reads the run back (`runs/get`) to log its URL.
        router.get(RouterPath(prefix + "runs/get")) { _, _ in
            Self.json(Self.body(#"{"run": {"info": \#(Self.runInfo(0, status: "FINISHED")), "data": {"tags": []}, "inputs": {}}}"#))
        }
        router.post(RouterPath(prefix + "runs/update")) { _, _ in Self.json(Self.body(#"{"run_info": \#(Self.runInfo(0, status: "FINISHED"))}"#)) }
        router.post(RouterPath(prefix + "runs/log-metric")) { _, _ in Self.json(empty) }
        router.post(RouterPath(prefix + "runs/log-batch")) { _, _ in Self.json(empty) }
        router.post(RouterPath(prefix + "runs/search")) { _, _ in Self.json(search) }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: port), serverName: "canned"))
        try await app.runService()
    }

    static func body(_ text: String) -> ByteBuffer { ByteBuffer(string: text) }

    static func json(_ body: ByteBuffer) -> Response {
        Response(status: .ok, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: body))
    }

    /// A run's `info` with a 32-hex id built from `number`.
    static func runInfo(_ number: Int, status: String = "RUNNING") -> String {
        let id = String(format: "%032x", number)
        return #"{"run_id": "\#(id)", "run_uuid": "\#(id)", "run_name": "r\#(number)", "experiment_id": "1", "user_id": "", "status": "\#(status)", "start_time": 1764900000000, "artifact_uri": "mlflow-artifacts:/1/\#(id)/artifacts", "lifecycle_stage": "active"}"#
    }

    /// `runs` finished runs, each with metric `score`, param `model` and tag `mlflow.runName`.
    static func searchResponse(runs: Int) -> String {
        let items = (0..<runs).map { number in
            #"{"info": \#(runInfo(number + 1, status: "FINISHED")), "data": {"metrics": [{"key": "score", "value": \#(1 - Double(number) / Double(max(runs, 1) * 2)), "timestamp": 1764900000000, "step": 0}], "params": [{"key": "model", "value": "lstm"}], "tags": [{"key": "mlflow.runName", "value": "r\#(number + 1)"}]}, "inputs": {}}"#
        }
        return #"{"runs": [\#(items.joined(separator: ", "))]}"#
    }
}

/// The number of the next canned run (1, 2, …), shared by the server's handlers.
final class RunCounter: Sendable {
    private let value = Atomic<Int>(0)

    func next() -> Int { value.add(1, ordering: .relaxed).newValue }
}

/// Serves `CannedServer` on 127.0.0.1:`port` until SIGINT/SIGTERM, then exits; never returns.
func serveCanned(port: Int, searchRuns: Int) -> Never {
    Task {
        do {
            try await CannedServer(port: port, searchRuns: searchRuns).run()
            exit(0)
        } catch {
            print("canned server failed: \(error)")
            exit(1)
        }
    }
    dispatchMain()
}
