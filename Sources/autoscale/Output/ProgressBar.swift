import Foundation

/// A one-line progress bar on standard error, drawn only when stderr is a terminal
/// (so pipes, CI logs and `--json` output stay clean). Safe to update from any thread;
/// redraws at most ten times a second.
final class ProgressBar: @unchecked Sendable {
    private let enabled: Bool
    private let start = Date()
    private let lock = NSLock()
    private var lastDraw = Date.distantPast

    init(enabled: Bool = true) {
        self.enabled = enabled && isatty(STDERR_FILENO) == 1
    }

    func update(done: Int, total: Int, label: String) {
        guard enabled, total > 0 else { return }
        lock.lock()
        defer { lock.unlock() }
        guard Date().timeIntervalSince(lastDraw) >= 0.1 || done == total else { return }
        lastDraw = Date()
        let width = 30
        let filled = width * done / total
        let elapsed = Date().timeIntervalSince(start)
        let remaining = done > 0 ? elapsed / Double(done) * Double(total - done) : 0
        let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
        let line = "\r\(bar) \(done)/\(total) \(label)  elapsed \(Int(elapsed)) s, left ~\(Int(remaining)) s"
        FileHandle.standardError.write(Data((line.padding(toLength: 100, withPad: " ", startingAt: 0)).utf8))
    }

    func finish() {
        guard enabled else { return }
        FileHandle.standardError.write(Data(("\r" + String(repeating: " ", count: 100) + "\r").utf8))
    }
}
