import Foundation
import Pipeline

/// Progress of `pipeline run` on standard error. On a terminal, one redrawn line (the
/// `ProgressBar`): stages finished of total, the running ones, how many are queued, and a
/// training LSTM's epoch.
/// Elsewhere, one line per finished stage (`[5/26] train@cpu-naive executed 0.4 s`).
final class PipelineProgress: @unchecked Sendable {
    private let enabled: Bool
    private let terminal = isatty(STDERR_FILENO) == 1
    private let bar = ProgressBar()
    private let lock = NSLock()
    private var done = 0
    private var total = 0
    private var running: [String] = []
    private var epochs: [String: String] = [:]

    init(enabled: Bool) {
        self.enabled = enabled
    }

    func events() -> PipelineEvents {
        guard enabled else { return .silent }
        return PipelineEvents(
            planned: { [self] count in lock.withLock { total = count } },
            started: { [self] stage in
                lock.withLock { running.append(stage) }
                redraw()
            },
            finished: { [self] stage, outcome in
                let (count, total) = lock.withLock { () -> (Int, Int) in
                    running.removeAll { $0 == stage }
                    epochs[stage] = nil
                    done += 1
                    return (done, self.total)
                }
                if !terminal {
                    var detail = outcome.tag
                    if case .executed(let seconds) = outcome { detail += String(format: " %.1f s", seconds) }
                    FileHandle.standardError.write(Data("[\(count)/\(total)] \(stage) \(detail)\n".utf8))
                }
                redraw()
            },
            training: { [self] stage, event in
                guard case .epoch(let summary) = event else { return }
                lock.withLock { epochs[stage] = "epoch \(summary.epoch)/\(summary.epochs) val \(String(format: "%.4f", summary.validationTotal))" }
                if !terminal {
                    FileHandle.standardError.write(Data("  \(stage) epoch \(summary.epoch)/\(summary.epochs) train \(String(format: "%.5f", summary.trainTotal)) val \(String(format: "%.5f", summary.validationTotal))\n".utf8))
                }
                redraw()
            })
    }

    private func redraw() {
        guard terminal else { return }
        let (done, total, label, activity) = lock.withLock { () -> (Int, Int, String, String) in
            let queued = self.total - self.done - running.count
            let label = (running.isEmpty ? "" : "running " + running.joined(separator: ", ") + " · ") + "\(queued) queued"
            let activity = epochs.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: "; ")
            return (self.done, self.total, label, activity)
        }
        bar.update(done: done, total: total, label: label)
        bar.update(activity: activity)
    }

    func finish() {
        if enabled, terminal { bar.finish() }
    }
}
