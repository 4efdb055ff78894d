import Foundation
import TestSupport
import Testing

/// scripts/install.sh, run as a real process on the products this test bundle was built
/// beside (`--from`), into a temporary prefix: both commands become callable by name from
/// PREFIX/bin, a second run changes nothing, and a foreign file at a target is refused.
@Suite struct InstallScriptTests {
    let folder: TemporaryFolder

    init() throws { folder = try TemporaryFolder() }

    struct Outcome { let status: Int32, stderr: String }

    func install(_ arguments: [String]) throws -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [RealData.packageRoot.appendingPathComponent("scripts/install.sh").path] + arguments
        process.currentDirectoryURL = RealData.packageRoot
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        _ = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(status: process.terminationStatus, stderr: String(decoding: stderr, as: UTF8.self))
    }

    @Test func linksBothCommandsIdempotently() throws {
        let built = try ProductRunner(product: "autoscale").executable.deletingLastPathComponent()
        _ = try ProductRunner(product: "runs")
        let prefix = folder.url.appendingPathComponent("prefix")
        let first = try install(["--prefix", prefix.path, "--from", built.path])
        #expect(first.status == 0, "\(first.stderr)")
        for product in ["autoscale", "runs"] {
            let link = prefix.appendingPathComponent("bin/\(product)").path
            let destination = try FileManager.default.destinationOfSymbolicLink(atPath: link)
            #expect(destination == built.appendingPathComponent(product).path)
            #expect(first.stderr.contains("\(link) -> "), "\(first.stderr)")
        }
        // Callable by name with the prefix on PATH.
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/bin/bash")
        shell.arguments = ["-c", "runs --help >/dev/null && autoscale --help >/dev/null"]
        var environment = ProcessInfo.processInfo.environment
        environment["PATH"] = prefix.appendingPathComponent("bin").path + ":/usr/bin:/bin"
        shell.environment = environment
        try shell.run()
        shell.waitUntilExit()
        #expect(shell.terminationStatus == 0)
        // Again: nothing to do, nothing said but the PATH hint.
        let second = try install(["--prefix", prefix.path, "--from", built.path])
        #expect(second.status == 0 && !second.stderr.contains(" -> "), "\(second.stderr)")
    }

    @Test func refusesToReplaceAFileThatIsNotALink() throws {
        let built = try ProductRunner(product: "autoscale").executable.deletingLastPathComponent()
        let bin = folder.url.appendingPathComponent("prefix/bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        try Data("mine".utf8).write(to: bin.appendingPathComponent("autoscale"))
        let result = try install(["--prefix", folder.url.appendingPathComponent("prefix").path, "--from", built.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("autoscale exists and is not a link; remove it or choose another --prefix"), "\(result.stderr)")
        #expect(try String(contentsOf: bin.appendingPathComponent("autoscale"), encoding: .utf8) == "mine")
    }

    @Test func unknownArgumentsAreNamed() throws {
        let result = try install(["--prefx", "/tmp/x"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("unknown argument '--prefx'"), "\(result.stderr)")
    }
}
