import Foundation

/// Finds and runs the built `runs` executable (SwiftPM builds it before `swift test`).
enum RunsExecutable {
    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// Next to the test bundle first (same build configuration), then `.build/debug/runs`.
    static var url: URL? {
        let besideTests = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("runs")
        let debug = packageRoot.appendingPathComponent(".build/debug/runs")
        return [besideTests, debug].first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    static var missingReason: String {
        "the `runs` executable is not built (looked beside \(CommandLine.arguments[0]) and in .build/debug); run `swift build --product runs`"
    }

    /// Starts `runs` with `arguments` (and `environment` added), stdout and stderr piped.
    static func start(_ arguments: [String], executable: URL, environment extra: [String: String] = [:]) throws -> (Process, Pipe, Pipe) {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        // Help text wraps at the terminal width: fix it so golden files do not depend on the shell.
        var environment = ProcessInfo.processInfo.environment.merging(extra) { $1 }
        environment["COLUMNS"] = "80"
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        return (process, out, err)
    }

    /// Runs to completion and returns (exit status, stdout, stderr).
    static func run(_ arguments: [String], executable: URL, environment: [String: String] = [:]) throws -> (Int32, String, String) {
        let (process, out, err) = try start(arguments, executable: executable, environment: environment)
        let output = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self), String(decoding: errors, as: UTF8.self))
    }
}
