import Foundation
import TestSupport
import Testing

/// The progress line as a person sees it: `autoscale evaluate` training an LSTM in a real
/// terminal (tmux, from Debian; scripts/bootstrap.sh installs it), read back with
/// `capture-pane`. The line must name the model and file, show the running epoch, and be
/// redrawn at least once a second (the elapsed seconds move) while training runs.
@Suite(.serialized) struct TerminalProgressTests {
    static let tmuxPath = ["/usr/bin/tmux", "/bin/tmux"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Runs tmux and returns what it printed. Output goes through a file, not a pipe: the
    /// tmux server that `new-session` starts keeps its inherited descriptors open, so reading
    /// a pipe to its end would wait for the server to exit.
    func tmux(in folder: TemporaryFolder, _ arguments: [String]) throws -> String {
        let output = folder.url.appendingPathComponent("tmux-\(UUID().uuidString).out")
        FileManager.default.createFile(atPath: output.path, contents: nil)
        let handle = try FileHandle(forWritingTo: output)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(Self.tmuxPath))
        process.arguments = arguments
        process.standardOutput = handle
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try handle.close()
        return try String(contentsOf: output, encoding: .utf8)
    }

    /// Starts `arguments` of `autoscale` in a fresh tmux session on a generated series of
    /// `points` every `interval` seconds, waits (up to 60 s) for the screen to contain `waitFor`, then returns
    /// that screen and the one 2.2 s later.
    func watch(_ arguments: [String], points: Int, interval: Int = 300, waitFor: String) throws -> (first: String, later: String) {
        let autoscale = try ProductRunner(product: "autoscale").executable.path
        let folder = try TemporaryFolder()
        let lines = ["timestamp,value"] + (0..<points).map {
            "\(1_700_000_000 + interval * $0),\(50 + 10 * sin(Double($0) / 10) + 3 * sin(Double($0 * interval) * 2 * .pi / 86_400))"
        }
        let data = try folder.file("wave.csv", lines.joined(separator: "\n") + "\n")
        let session = "autoscale-progress-\(UUID().uuidString.prefix(8))"
        let command = ([autoscale] + arguments + ["--data", data, "> /dev/null; sleep 60"]).joined(separator: " ")
        _ = try tmux(in: folder, ["new-session", "-d", "-s", session, "-x", "220", "-y", "10", command])
        defer {
            do { _ = try tmux(in: folder, ["kill-session", "-t", session]) } catch { Issue.record("could not end tmux session \(session): \(error)") }
        }
        func screen() throws -> String { try tmux(in: folder, ["capture-pane", "-p", "-t", session]) }
        var first = ""
        for _ in 0..<240 where !first.contains(waitFor) {
            Thread.sleep(forTimeInterval: 0.25)
            first = try screen()
        }
        Thread.sleep(forTimeInterval: 2.2)
        return (first, try screen())
    }

    /// The seconds shown after "elapsed".
    func elapsed(_ text: String) -> Int? {
        guard let range = text.range(of: #"elapsed (\d+) s"#, options: .regularExpression) else { return nil }
        return Int(text[range].split(separator: " ")[1])
    }

    /// The LSTM's running epoch and batch are on the line while it trains.
    @Test(.enabled(if: tmuxPath != nil, "needs tmux (apt-get install tmux; scripts/bootstrap.sh does)"))
    func trainingShowsTheRunningEpoch() throws {
        let (first, _) = try watch(["evaluate", "--model", "lstm", "--epochs", "200"], points: 1_500, waitFor: "epoch")
        #expect(first.contains("lstm on wave.csv") && first.contains("epoch 1/200 batch"), "\(first)")
    }

    /// A fit that sends no events (prophet-ar on 40,000 one-minute points takes 10–20 s in a
    /// debug build) still has its line redrawn every second: the clock moves.
    @Test(.enabled(if: tmuxPath != nil, "needs tmux (apt-get install tmux; scripts/bootstrap.sh does)"))
    func lineIsRedrawnEverySecondWithoutEvents() throws {
        let (first, later) = try watch(["evaluate", "--model", "prophet-ar"], points: 40_000, interval: 60, waitFor: "prophet-ar on")
        let before = try #require(elapsed(first), "\(first)")
        let after = try #require(elapsed(later), "no progress line 2.2 s later (did the fit end?): \(later)")
        #expect(after >= before + 2, "elapsed \(before) → \(after) s over 2.2 s: \(later)")
    }
}
