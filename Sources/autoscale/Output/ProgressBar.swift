import Foundation

/// A one-line progress bar on standard error, drawn only when stderr is a terminal
/// (so pipes, CI logs and `--json` output stay clean). Safe to update from any thread;
/// redraws at most ten times a second.
final class ProgressBar: @unchecked Sendable {
    private let enabled: Bool
    private let start = Date()
    private let lock = NSLock()
    private var lastDraw = Date.distantPast
    /// Characters of the last line drawn, so a shorter line clears what is left of it.
    private var lastLength = 0

    init(enabled: Bool = true) {
        self.enabled = enabled && isatty(STDERR_FILENO) == 1
    }

    func update(done: Int, total: Int, label: String) {
        guard enabled, total > 0 else { return }
        lock.lock()
        defer { lock.unlock() }
        guard Date().timeIntervalSince(lastDraw) >= 0.1 || done == total else { return }
        lastDraw = Date()
        let width = 20
        let filled = width * done / total
        let elapsed = Date().timeIntervalSince(start)
        let remaining = done > 0 ? elapsed / Double(done) * Double(total - done) : 0
        let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
        let line = "\r\(bar) \(done)/\(total) \(label)  elapsed \(Int(elapsed)) s, left ~\(Int(remaining)) s"
        let padded = line.count < lastLength ? line.padding(toLength: lastLength, withPad: " ", startingAt: 0) : line
        lastLength = line.count
        FileHandle.standardError.write(Data(padded.utf8))
    }

    func finish() {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        FileHandle.standardError.write(Data(("\r" + String(repeating: " ", count: lastLength) + "\r").utf8))
    }
}
