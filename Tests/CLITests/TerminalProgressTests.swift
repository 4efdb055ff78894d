import Foundation
import TestSupport
import Testing

/// The progress line as a person sees it: `autoscale evaluate` in a real terminal — a
/// pseudo-terminal from util-linux's `script`, which records everything drawn on it — read
/// back while the command runs. The line must name the model and file, show the running
/// epoch of a training LSTM, and be redrawn at least once a second (the elapsed seconds
/// move) even while a fit sends no events.
///
/// `script` runs the command as its own child and exits with it, so nothing outlives the
/// test; a terminal multiplexer's server would inherit the test process's descriptors and
/// keep `Process` waiting.
@Suite struct TerminalProgressTests {
    static let script = ["/usr/bin/script", "/bin/script"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Runs `arguments` of `autoscale` on a terminal over a generated series of `points`
    /// every `interval` seconds; waits (up to 60 s) until the recording contains `waitFor`,
    /// then returns the recording and the recording 2.2 s later, and ends the command.
    func watch(_ arguments: [String], points: Int, interval: Int = 300, waitFor: String) throws -> (first: String, later: String) {
        let autoscale = try ProductRunner(product: "autoscale").executable.path
        let folder = try TemporaryFolder()
        let lines = ["timestamp,value"] + (0..<points).map {
            "\(1_700_000_000 + interval * $0),\(50 + 10 * sin(Double($0) / 10) + 3 * sin(Double($0 * interval) * 2 * .pi / 86_400))"
        }
        let data = try folder.file("wave.csv", lines.joined(separator: "\n") + "\n")
        let recording = folder.url.appendingPathComponent("terminal.log")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(Self.script))
        let command = ([autoscale] + arguments + ["--data", data]).joined(separator: " ")
        process.arguments = ["-q", "-f", "-e", "-c", command, recording.path]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        var environment = ProcessInfo.processInfo.environment
        environment["COLUMNS"] = "220"
        environment["TERM"] = "xterm"
        process.environment = environment
        try process.run()
        defer {
            // SIGKILL to every process naming this test's folder (the command and `script`).
            let kill = Process()
            kill.executableURL = URL(fileURLWithPath: "/usr/bin/pkill")
            kill.arguments = ["-KILL", "-f", folder.path]
            do { try kill.run(); kill.waitUntilExit() } catch { Issue.record("could not end the command: \(error)") }
            process.waitUntilExit()
        }
        /// What was drawn so far ("" before `script` creates the file).
        func screen() throws -> String {
            FileManager.default.fileExists(atPath: recording.path) ? try String(contentsOf: recording, encoding: .utf8) : ""
        }
        var first = ""
        for _ in 0..<240 where !first.contains(waitFor) && process.isRunning {
            Thread.sleep(forTimeInterval: 0.25)
            first = try screen()
        }
        Thread.sleep(forTimeInterval: 2.2)
        return (first, try screen())
    }

    /// The seconds shown after the last "elapsed" drawn.
    func elapsed(_ text: String) -> Int? {
        let matches = text.ranges(of: #/elapsed (\d+) s/#)
        guard let last = matches.last else { return nil }
        return Int(text[last].split(separator: " ")[1])
    }

    /// The LSTM's running epoch and batch are on the line while it trains.
    @Test(.enabled(if: script != nil, "needs util-linux's script (Debian: bsdutils)"))
    func trainingShowsTheRunningEpoch() throws {
        let (first, _) = try watch(["evaluate", "--model", "lstm", "--epochs", "200"], points: 1_500, waitFor: "epoch 1/200 batch")
        #expect(first.contains("lstm on wave.csv") && first.contains("epoch 1/200 batch"), "\(first.suffix(600))")
    }

    /// A fit that sends no events (prophet-ar on 40,000 one-minute points takes 10–20 s in a
    /// debug build) still has its line redrawn every second: the clock moves.
    @Test(.enabled(if: script != nil, "needs util-linux's script (Debian: bsdutils)"))
    func lineIsRedrawnEverySecondWithoutEvents() throws {
        let (first, later) = try watch(["evaluate", "--model", "prophet-ar"], points: 40_000, interval: 60, waitFor: "prophet-ar on")
        let before = try #require(elapsed(first), "\(first.suffix(600))")
        let after = try #require(elapsed(later), "\(later.suffix(600))")
        #expect(after >= before + 2, "elapsed \(before) → \(after) s over 2.2 s: \(later.suffix(600))")
    }
}
