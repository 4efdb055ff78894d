import Dispatch
import Foundation

/// What a long command is doing now, on standard error (standard output stays for results).
///
/// On a terminal: one line — bar, units done of total, the running unit's label, what it
/// is doing inside (`activity`: epoch k of N, batch, losses), elapsed and time left —
/// redrawn at most ten times a second when something changes and at least once a second
/// by a timer, so the clock moves and the latest update is always shown even when events
/// stop coming (a long fit) or come faster than the redraw limit.
///
/// Not on a terminal (a pipe, a CI log): one line per finished unit
/// (`[3/12] web-1/cpu arima: 1.4 s`) and per finished epoch (`lines`), so logs show
/// progress without carriage returns.
///
/// Safe to update from any thread.
final class ProgressBar: @unchecked Sendable {
    private let enabled: Bool
    private let terminal: Bool
    private let write: @Sendable (String) -> Void
    private let start = Date()
    private let lock = NSLock()
    private var lastDraw = Date.distantPast
    /// Characters of the last line drawn, so a shorter line clears what is left of it.
    private var lastLength = 0
    private var done = 0, total = 0
    private var label = ""
    private var unitStart = Date()
    private var activity = ""
    private var timer: DispatchSourceTimer?

    /// `enabled` false draws and writes nothing. `terminal` (default: whether stderr is one)
    /// and `write` (default: standard error) are for tests.
    init(enabled: Bool = true, terminal: Bool = isatty(STDERR_FILENO) == 1,
         write: @escaping @Sendable (String) -> Void = { FileHandle.standardError.write(Data($0.utf8)) }) {
        self.enabled = enabled
        self.terminal = terminal
        self.write = write
    }

    /// Unit `done + 1` of `total` starts: `label` names it. Off a terminal, the unit before
    /// it (when there was one) is reported finished.
    func update(done: Int, total: Int, label: String) {
        guard enabled, total > 0 else { return }
        lock.withLock {
            if !terminal, done > self.done { finishedLine() }
            if label != self.label || done != self.done { unitStart = Date(); activity = "" }
            self.done = done
            self.total = total
            self.label = label
            drawIfDue()
        }
    }

    /// What the running unit is doing now (e.g. "epoch 3/40 batch 12/50 loss 0.0123").
    func update(activity text: String) {
        guard enabled else { return }
        lock.withLock {
            activity = text
            drawIfDue()
        }
    }

    /// A line worth keeping in a log (a finished epoch): printed as is off a terminal;
    /// on a terminal the bar shows the newest state instead.
    func line(_ text: String) {
        guard enabled, !terminal else { return }
        write(text + "\n")
    }

    /// Clears the bar (terminal) or reports the last unit finished (otherwise).
    func finish() {
        guard enabled else { return }
        lock.withLock {
            timer?.cancel()
            timer = nil
            if terminal {
                write("\r" + String(repeating: " ", count: lastLength) + "\r")
                lastLength = 0
            } else if !label.isEmpty {
                finishedLine()
                label = ""
            }
        }
    }

    // MARK: - Drawing (called with `lock` held)

    private func finishedLine() {
        let seconds = Date().timeIntervalSince(unitStart)
        write("[\(min(done + 1, total))/\(total)] \(label): \(String(format: "%.1f", seconds)) s\n")
    }

    private func drawIfDue() {
        guard terminal else { return }
        startTimer()
        guard Date().timeIntervalSince(lastDraw) >= 0.1 else { return }
        draw()
    }

    private func startTimer() {
        guard timer == nil else { return }
        let source = DispatchSource.makeTimerSource(queue: .global(qos: .utility))
        source.schedule(deadline: .now() + 1, repeating: 1)
        source.setEventHandler { [weak self] in
            guard let self else { return }
            self.lock.withLock { self.draw() }
        }
        source.resume()
        timer = source
    }

    private func draw() {
        guard total > 0 else { return }
        lastDraw = Date()
        let width = 20
        let filled = width * min(done, total) / total
        let elapsed = Date().timeIntervalSince(start)
        let left = done > 0 ? "left ~\(Int(elapsed / Double(done) * Double(total - done))) s" : "left: after the first unit"
        let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
        let doing = activity.isEmpty ? "" : "  \(activity)"
        let line = "\r\(bar) \(done)/\(total) \(label)\(doing)  elapsed \(Int(elapsed)) s, \(left)"
        let padded = line.count < lastLength ? line.padding(toLength: lastLength, withPad: " ", startingAt: 0) : line
        lastLength = line.count
        write(padded)
    }
}
