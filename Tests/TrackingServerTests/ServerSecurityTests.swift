import Foundation
import TestSupport
import Testing
import Tracking
import TrackingServer

/// The write rules over real sockets: token (401), read-only (403), body limit (413),
/// artifact paths that would escape (400), and the refused non-loopback bind.
@Suite struct ServerSecurityTests {
    @Test func writesNeedTheBearerToken() async throws {
        let server = try await RunningServer.start(token: "s3cret")
        defer { Task { await server.stop() } }
        let missing = try await server.post("experiments/create", ["name": "x"])
        #expect(missing.status == 401)
        #expect(missing.errorCode == "UNAUTHENTICATED")
        #expect(try await server.post("experiments/create", ["name": "x"], headers: ["Authorization": "Bearer wrong"]).status == 401)
        #expect(try await server.post("experiments/create", ["name": "x"], headers: ["Authorization": "s3cret"]).status == 401)
        let allowed = try await server.post("experiments/create", ["name": "x"], headers: ["Authorization": "Bearer s3cret"])
        #expect(allowed.status == 200)
        // Reads need no token (a search is a POST but writes nothing).
        #expect(try await server.get("experiments/get-by-name", "experiment_name=x").status == 200)
        #expect(try await server.post("runs/search", ["experiment_ids": [allowed.json["experiment_id"] as? String ?? ""]]).status == 200)
        // Artifact uploads are writes too.
        let put = try await server.client.send("PUT", "/api/2.0/mlflow-artifacts/artifacts/1/\(String(repeating: "a", count: 32))/artifacts/f.txt", body: Data("x".utf8))
        #expect(put.status == 401)
        #expect(try Registry.openForReading(server.location).experimentInfos().map(\.name) == ["x"])
    }

    @Test func readOnlyRefusesWrites() async throws {
        let folder = try TemporaryFolder(prefix: "tracking-server")
        let seeded = try Registry.open(RegistryLocation(databasePath: folder.url.appendingPathComponent("experiments/registry.sqlite").path))
        _ = try seeded.createRun(RunSpec(experiment: "kept", name: "r"))
        let server = try await RunningServer.start(readOnly: true, folder: folder)
        defer { Task { await server.stop() } }
        let refused = try await server.post("runs/create", ["experiment_id": "1"])
        #expect(refused.status == 403)
        #expect(refused.errorCode == "PERMISSION_DENIED")
        #expect(try await server.post("runs/search", ["experiment_ids": ["1"]]).json["runs"].map { ($0 as? [Any])?.count } == 1)
        #expect(try seeded.searchRuns(RunSearch()).runs.count == 1)
    }

    @Test func oversizedBodiesAre413() async throws {
        let server = try await RunningServer.start(maxBodyBytes: 1024)
        defer { Task { await server.stop() } }
        let big = try await server.post("experiments/create", ["name": String(repeating: "n", count: 4096)])
        #expect(big.status == 413)
        #expect(big.errorCode == "REQUEST_LIMIT_EXCEEDED")
        #expect(try await server.post("experiments/create", ["name": "small"]).status == 200)
        let run = try Registry.open(server.location).createRun(RunSpec(experiment: "small"))
        let upload = try await server.client.send("PUT", "/api/2.0/mlflow-artifacts/artifacts/1/\(run.rawValue)/artifacts/big.bin", body: Data(count: 8192))
        #expect(upload.status == 413)
        #expect(try Registry.openForReading(server.location).artifacts(of: run).isEmpty)
    }

    @Test func artifactPathsCannotEscape() async throws {
        let server = try await RunningServer.start()
        defer { Task { await server.stop() } }
        let run = try Registry.open(server.location).createRun(RunSpec(experiment: "paths"))
        let base = "/api/2.0/mlflow-artifacts/artifacts/1/\(run.rawValue)/artifacts"
        let attempts = [
            base + "/../../../../etc/passwd", base + "/%2e%2e/%2e%2e/secret", base + "/a/%2E%2E/b", base + "/a%2fb",
            base + "/..%5c..%5cwin", base + "//etc/passwd", base + "/./x", "/api/2.0/mlflow-artifacts/artifacts//tmp/x",
        ]
        for path in attempts {
            for method in ["PUT", "GET"] {
                let response = try await server.client.send(method, path, body: method == "PUT" ? Data("x".utf8) : Data())
                #expect(response.status == 400, "\(method) \(path) → \(response.status)")
                #expect(response.errorCode == "INVALID_PARAMETER_VALUE", "\(method) \(path)")
            }
        }
        let listing = try await server.client.send("GET", "/api/2.0/mlflow-artifacts/artifacts?path=1/\(run.rawValue)/artifacts/../../x")
        #expect(listing.status == 400)
        #expect(try Registry.openForReading(server.location).artifacts(of: run).isEmpty)
        // Nothing was written outside the registry's folder.
        #expect(!FileManager.default.fileExists(atPath: server.folder.url.appendingPathComponent("secret").path))
    }

    @Test func nonLoopbackBindNeedsATokenOrInsecure() throws {
        let location = RegistryLocation(databasePath: "/nonexistent/registry.sqlite")
        #expect(throws: ServerError.publicBindWithoutToken(host: "0.0.0.0")) {
            try ServerConfiguration(host: "0.0.0.0", location: location).validate()
        }
        try ServerConfiguration(host: "0.0.0.0", location: location, token: "t").validate()
        try ServerConfiguration(host: "0.0.0.0", location: location, insecure: true).validate()
        try ServerConfiguration(host: "127.0.0.1", location: location).validate()
        try ServerConfiguration(host: "localhost", location: location).validate()

        // The executable refuses too, before opening anything.
        let folder = try TemporaryFolder(prefix: "tracking-server")
        let result = try ProductRunner(product: "runs").run(["server", "--host", "0.0.0.0", "--port", "0", "--db", folder.url.appendingPathComponent("r.sqlite").path])
        #expect(result.status != 0)
        #expect(result.stderr.contains("--token-file"))
        #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("r.sqlite").path))
    }
}
