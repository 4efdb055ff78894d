import Foundation
import Testing
import TestSupport
import Tracking

/// The web UI in headless Chromium: `runs server` started as a real process on a real socket,
/// driven by `Browser/browser_test.py` through selenium. `Browser/setup-browser.sh` installs
/// chromium, chromium-driver (apt, as root) and the pinned selenium venv; when it cannot, the
/// test is cancelled (reported as skipped) with the script's reason.
@Suite("Web UI: headless Chromium")
struct WebUIBrowserTests {
    static let browserFolder = RealData.packageRoot.appendingPathComponent("Tests/TrackingWebUITests/Browser")

    @Test("runs table, filter, run page, compare, promote with the token, alias moves, <script> shown as text")
    func browser() async throws {
        let python = try Self.setUp()
        let folder = try TemporaryFolder(prefix: "webui-browser")
        let location = RegistryLocation(databasePath: folder.url.appendingPathComponent("registry.sqlite").path)
        let fixture = try WebUIFixture(registry: Registry.open(location))
        let token = "browser-token-31337"
        let tokenFile = try folder.file("token", token + "\n")

        let server = try ProductRunner(product: "runs").start(
            ["server", "--db", location.databasePath, "--port", "0", "--token-file", tokenFile, "--json"])
        defer { server.process.terminate(); server.process.waitUntilExit() }
        let url = try Self.listeningURL(server.stdout, stderr: server.stderr)

        let driver = Process()
        driver.executableURL = URL(fileURLWithPath: python)
        driver.arguments = [Self.browserFolder.appendingPathComponent("browser_test.py").path, "--url", url, "--token", token]
        let out = Pipe(), err = Pipe()
        driver.standardOutput = out
        driver.standardError = err
        try driver.run()
        let output = out.fileHandleForReading.readDataToEndOfFile()
        let errors = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        driver.waitUntilExit()
        try #require(driver.terminationStatus == 0, "browser_test.py failed: \(errors)")
        let seen = try #require(try JSONSerialization.jsonObject(with: output) as? [String: Any], "not JSON: \(String(decoding: output, as: UTF8.self))")

        // Runs table: every run of the experiment, the hostile name as text, no script ran.
        #expect(seen["runs_names"] as? [String] == ["<script>alert('x')</script>", "lstm-a", "lstm-b", "pipeline"].sorted())
        #expect(seen["runs_total"] as? String == "4")
        #expect(seen["alert_on_runs"] is NSNull)
        #expect(seen["script_elements"] as? Int == 0)
        #expect(seen["hostile_title"] as? String == WebUIFixture.hostileName)
        #expect(seen["alert_on_run"] is NSNull)
        // Filter.
        #expect(seen["filtered_names"] as? [String] == ["lstm-a"])
        #expect((seen["filtered_url"] as? String)?.contains("filter=params.learning_rate") == true)
        // Run page.
        #expect(seen["run_title"] as? String == "lstm-a")
        #expect((seen["run_params"] as? [String: String]) == ["learning_rate": "0.01", "model": "lstm"])
        #expect(seen["run_charts"] as? Int == 1)
        #expect(seen["run_nan_markers"] as? Int == 1)
        let artifact = try fixture.registry.artifacts(of: fixture.first)[0]
        #expect(seen["run_artifacts"] as? [String] == [artifact.sha256])
        // Compare.
        #expect(seen["compare_heading"] as? String == "Compare 2 runs")
        #expect(seen["compare_differences"] as? [String] == ["params.learning_rate 0.1 0.01"])   // table order: lstm-b is newer
        #expect(seen["compare_curves"] as? Int == 1)
        #expect(seen["compare_horizon_charts"] as? Int == 1)
        // Promote: refused without the token, then done with it; the alias moves.
        #expect(seen["alias_before"] as? String == "v1")
        #expect((seen["refused_error"] as? String)?.contains("needs its token") == true)
        #expect(seen["alias_after_refusal"] as? String == "v1")
        #expect(seen["alias_after"] as? String == "v2")
        #expect(seen["promoted_message"] as? String == "cpu: production moved from v1 to v2")
        #expect((seen["promoted_url"] as? String)?.hasSuffix("#model-cpu") == true)
        #expect((seen["history_first_row"] as? String)?.hasSuffix("production v1 v2 move browser test") == true)
        #expect(try Registry.openForReading(location).models(named: "cpu")[0].aliases["production"] == 2)
    }

    /// Runs setup-browser.sh; its last stdout line is the venv's python. Status 77 cancels the test.
    static func setUp() throws -> String {
        let setup = Process()
        setup.executableURL = URL(fileURLWithPath: "/bin/bash")
        setup.arguments = [browserFolder.appendingPathComponent("setup-browser.sh").path]
        let out = Pipe(), err = Pipe()
        setup.standardOutput = out
        setup.standardError = err
        try setup.run()
        let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        setup.waitUntilExit()
        if setup.terminationStatus == 77 { try Test.cancel("headless Chromium is not available: \(stderr)") }
        guard setup.terminationStatus == 0, let python = stdout.split(separator: "\n").last else {
            throw SetupFailed(message: "setup-browser.sh exited \(setup.terminationStatus): \(stderr)")
        }
        return String(python)
    }

    /// Reads `runs server --json`'s first line, `{"url": …}`, from its standard output.
    static func listeningURL(_ stdout: Pipe, stderr: Pipe) throws -> String {
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = stdout.fileHandleForReading.availableData
            if chunk.isEmpty {
                let errors = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                throw SetupFailed(message: "runs server exited before listening: \(errors)")
            }
            line.append(chunk)
        }
        let first = line.split(separator: UInt8(ascii: "\n"))[0]
        guard let object = try JSONSerialization.jsonObject(with: Data(first)) as? [String: Any], let url = object["url"] as? String else {
            throw SetupFailed(message: "runs server printed \(String(decoding: first, as: UTF8.self)), not {\"url\": …}")
        }
        return url
    }

    struct SetupFailed: Error, CustomStringConvertible {
        let message: String
        var description: String { message }
    }
}
