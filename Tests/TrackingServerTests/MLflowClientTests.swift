import Foundation
import TestSupport
import Testing
import Tracking

/// The venv with the pinned MLflow client, created by MLflowClient/setup_venv.sh (from PyPI)
/// the first time a test needs it; nil, with the reason, when it cannot be created.
enum MLflowVenv {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("MLflowClient")

    static let python: Result<String, SetupFailure> = {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [folder.appendingPathComponent("setup_venv.sh").path]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        do { try process.run() } catch { return .failure(SetupFailure(reason: "cannot run setup_venv.sh: \(error)")) }
        let path = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return .failure(SetupFailure(reason: "setup_venv.sh failed: \(message)")) }
        return .success(path + "/bin/python")
    }()

    static var isReady: Bool { (try? python.get()) != nil }

    struct SetupFailure: Error, CustomStringConvertible { let reason: String; var description: String { reason } }
}

/// The stock `mlflow` client (pinned mlflow-skinny) against the built `runs server` over a
/// real socket: MLflowClient/mlflow_client_test.py asserts what it reads back, then `runs list`
/// sees the runs it logged.
@Suite(.enabled(if: MLflowVenv.isReady, "the MLflow client venv could not be created (MLflowClient/setup_venv.sh needs PyPI)"))
struct MLflowClientTests {
    @Test func stockClientLogsSearchesRegistersAndDownloads() throws {
        let python = try MLflowVenv.python.get()
        let folder = try TemporaryFolder(prefix: "tracking-server")
        let database = folder.url.appendingPathComponent("experiments/registry.sqlite").path
        let server = try ServerProcess.start(database: database)
        defer { server.stop() }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [MLflowVenv.folder.appendingPathComponent("mlflow_client_test.py").path, "client-test"]
        process.environment = ProcessInfo.processInfo.environment.merging(
            ["MLFLOW_TRACKING_URI": server.url, "MLFLOW_HTTP_REQUEST_MAX_RETRIES": "0", "HOME": folder.path]) { $1 }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let output = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let errors = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "mlflow_client_test.py failed:\n\(output)\n\(errors)")
        let summary = try #require(output.split(separator: "\n").last.flatMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] })
        let parent = try #require(summary["parent"] as? String)

        // The same registry file, read by the `runs` command.
        let list = try ProductRunner(product: "runs").run(["list", "--experiment", "client-test", "--json", "--db", database])
        #expect(list.status == 0, "\(list.stderr)")
        let runs = try #require((try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [String: Any])?["runs"] as? [[String: Any]])
        #expect(Set(runs.compactMap { $0["name"] as? String }) == ["parent", "child-a", "child-b"])
        let registry = try Registry.openForReading(RegistryLocation(databasePath: database))
        #expect(try registry.runDetails(RunID(parent)).children.count == 2)
        #expect(try registry.models().first?.aliases == ["champion": 1])
    }
}
