import Foundation
import TestSupport
import Testing
import Tracking

/// `autoscale pipeline run | status | graph` as real processes on a real registry file,
/// including a run killed with SIGKILL in the middle of a stage and run again.
@Suite struct PipelineRunCommandTests {
    struct Workspace {
        let folder: TemporaryFolder
        var db: String { folder.url.appendingPathComponent("experiments/registry.sqlite").path }

        init(yaml: String) throws {
            folder = try TemporaryFolder(prefix: "pipeline-cli")
            _ = try folder.file("tiny.yaml", yaml)
            _ = try folder.file("small-lstm.yaml", TinyPipelineSpec.smallLSTMConfig)
        }

        func autoscale(_ arguments: [String]) throws -> ProductRunner.Result {
            try ProductRunner(product: "autoscale").run(arguments + ["--db", db], in: folder.url)
        }

        /// Each stage's outcome from `pipeline run --json`.
        func outcomes(_ result: ProductRunner.Result) throws -> [String: String] {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], "\(result.stdout)\n\(result.stderr)")
            let stages = try #require(object["stages"] as? [[String: Any]])
            return Dictionary(uniqueKeysWithValues: stages.map { ($0["id"] as! String, $0["outcome"] as! String) })
        }
    }

    @Test func runRecordsThenAnUnchangedRerunReusesEveryStage() throws {
        let w = try Workspace(yaml: TinyPipelineSpec.yaml)
        let first = try w.autoscale(["pipeline", "run", "tiny.yaml"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("pipeline tiny: 10 executed, 0 reused, 0 failed, 0 skipped"), "\(first.stdout)")
        #expect(first.stdout.contains("registered autoscale-cpu version 1 as production"), "\(first.stdout)")
        #expect(first.stdout.contains("next: runs show "), "\(first.stdout)")
        // Off a terminal, one line per finished stage on stderr.
        #expect(first.stderr.contains("[10/10] "), "\(first.stderr)")

        let again = try w.autoscale(["pipeline", "run", "tiny.yaml", "--json"])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(Set(try w.outcomes(again).values) == ["reused"])

        let status = try w.autoscale(["pipeline", "status", "tiny.yaml", "--set", "models=[naive]"])
        #expect(status.status == 0, "\(status.stderr)")
        #expect(status.stdout.contains("every stage is up to date") == false)
        let changed = try w.autoscale(["pipeline", "status", "tiny.yaml", "--set", "days=3", "--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(changed.stdout.utf8)) as? [String: Any])
        let data = try #require((object["stages"] as? [[String: Any]])?.first { $0["id"] as? String == "data" })
        #expect(data["reasons"] as? [String] == ["parameters changed: generate.days"], "\(data)")

        let graph = try ProductRunner(product: "autoscale").run(["pipeline", "graph", "tiny.yaml", "--mermaid"], in: w.folder.url)
        #expect(graph.stdout.hasPrefix("flowchart TD\n"), "\(graph.stdout)")
        #expect(graph.stdout.contains("    train_naive --> evaluate_naive"), "\(graph.stdout)")
    }

    @Test func aRunKilledInTheMiddleOfAStageResumesFromItsCompletedStages() throws {
        let w = try Workspace(yaml: TinyPipelineSpec.withLSTM(epochs: 4))
        let runner = try ProductRunner(product: "autoscale")
        let (process, _, err) = try runner.start(["pipeline", "run", "tiny.yaml", "--jobs", "2", "--db", w.db], in: w.folder.url)
        let lines = LineCollector(err.fileHandleForReading)
        // The LSTM, the costliest stage, starts as soon as the split is done and takes both threads.
        let sawEpoch = lines.wait(for: "train@lstm epoch 1/", seconds: 300)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(sawEpoch, "no LSTM epoch within 300 s:\n\(lines.text)")
        #expect(process.terminationReason == .uncaughtSignal)
        #expect(!lines.text.contains("train@lstm executed"), "the LSTM finished before the kill; the test proves nothing:\n\(lines.text)")

        let rerun = try w.autoscale(["pipeline", "run", "tiny.yaml", "--jobs", "2", "--json"])
        #expect(rerun.status == 0, "\(rerun.stderr)")
        let outcomes = try w.outcomes(rerun)
        // Exactly the stages that had finished before the kill (`[k/N] ID executed` lines) are reused.
        let finished = Set(lines.text.split(separator: "\n").compactMap { line -> String? in
            let words = line.split(separator: " ")
            return words.count >= 3 && words[0].hasPrefix("[") && words[2] == "executed" ? String(words[1]) : nil
        })
        #expect(finished.isSuperset(of: ["data", "series", "split"]), "\(lines.text)")
        #expect(Set(outcomes.filter { $0.value == "reused" }.keys) == finished, "\(outcomes)")
        #expect(outcomes["train@lstm"] == "executed", "\(outcomes)")
        #expect(outcomes.values.allSatisfy { $0 == "reused" || $0 == "executed" }, "\(outcomes)")

        // Nothing half-written: the killed LSTM run reads KILLED (the rerun marked it: its
        // process is gone; an hour later its heartbeat would say so too), exactly one LSTM run
        // finished, and production loads.
        let registry = try Registry.open(RegistryLocation(databasePath: w.db), create: false,
                                         clock: FixedTrackingClock(time: Date().timeIntervalSince1970 + 3600), staleAfter: 60)
        let lstm = try registry.searchRuns(RunSearch(filter: "tags.stage = 'train@lstm'")).runs
        #expect(lstm.count == 2, "\(lstm)")
        #expect(Set(lstm.map(\.status)) == [.finished, .killed], "\(lstm.map(\.status))")
        #expect(try registry.searchRuns(RunSearch(filter: "tags.pipeline = 'tiny' and attributes.name = 'pipeline tiny'")).runs.map(\.status).sorted { $0.rawValue < $1.rawValue } == [.finished, .killed])
        let production = try registry.resolveAlias(model: "autoscale-cpu", alias: "production")
        #expect(try !registry.readArtifact(production.artifact).isEmpty)
    }
}

/// A clock fixed at `now`, to look at a registry from later than the heartbeats.
struct FixedTrackingClock: TrackingClock {
    let time: Double
    func now() -> Double { time }
}

/// Lines of a pipe as they arrive, read on a background thread.
final class LineCollector: @unchecked Sendable {
    private let condition = NSCondition()
    private var buffer = ""

    init(_ handle: FileHandle) {
        Thread.detachNewThread { [self] in
            while true {
                let data = handle.availableData
                if data.isEmpty { break }
                condition.lock()
                buffer += String(decoding: data, as: UTF8.self)
                condition.broadcast()
                condition.unlock()
            }
        }
    }

    var text: String { condition.withLock { buffer } }

    /// Waits until `marker` has been read (true) or `seconds` pass (false).
    func wait(for marker: String, seconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        condition.lock()
        defer { condition.unlock() }
        while !buffer.contains(marker) {
            if !condition.wait(until: deadline) { return buffer.contains(marker) }
        }
        return true
    }
}
