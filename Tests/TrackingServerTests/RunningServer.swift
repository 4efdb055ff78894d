import Foundation
import TestSupport
import Tracking
import TrackingServer

/// `runs server` started in this process on a free port of 127.0.0.1 (port 0, the bound port
/// reported back), over a registry file in a temporary folder.
struct RunningServer: Sendable {
    let folder: TemporaryFolder
    let location: RegistryLocation
    let client: RawHTTPClient
    let task: Task<Void, any Error>

    struct DidNotStart: Error, CustomStringConvertible { let description: String }

    static func start(token: String? = nil, readOnly: Bool = false, maxBodyBytes: Int = ServerConfiguration.defaultMaxBodyBytes,
                      readThreads: Int = ServerConfiguration.defaultReadThreads, timing: Bool = false,
                      folder: TemporaryFolder? = nil) async throws -> RunningServer {
        let folder = try folder ?? TemporaryFolder(prefix: "tracking-server")
        let location = RegistryLocation(databasePath: folder.url.appendingPathComponent("experiments/registry.sqlite").path)
        let configuration = ServerConfiguration(port: 0, location: location, token: token, readOnly: readOnly, maxBodyBytes: maxBodyBytes,
                                                readThreads: readThreads, timing: timing)
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let task = Task {
            defer { continuation.finish() }
            try await TrackingServer.run(configuration, onListening: { port in continuation.yield(port) })
        }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else {
            let outcome = await task.result
            throw DidNotStart(description: "the server stopped before listening: \(outcome)")
        }
        return RunningServer(folder: folder, location: location, client: RawHTTPClient(port: port), task: task)
    }

    var port: Int { client.port }

    func stop() async {
        task.cancel()
        _ = await task.result
    }

    /// `POST /api/2.0/mlflow/<path>` with a JSON body.
    func post(_ path: String, _ body: [String: Any], headers: [String: String] = [:]) async throws -> RawHTTPClient.Response {
        try await client.json("POST", "/api/2.0/mlflow/" + path, body, headers: headers)
    }

    /// `GET /api/2.0/mlflow/<path>?<query>`.
    func get(_ path: String, _ query: String = "") async throws -> RawHTTPClient.Response {
        try await client.send("GET", "/api/2.0/mlflow/" + path + (query.isEmpty ? "" : "?" + query))
    }
}
