import Foundation
import TestSupport
import Testing
import Tracking

/// A pipeline process killed with kill -9 (real processes, a real registry file): the next
/// `runs list`, `pipeline status` or `pipeline run` marks its RUNNING runs KILLED at once, as
/// their owner process (tags `owner.pid`, `owner.host`) is gone, well inside the 120 s
/// heartbeat window that would otherwise decide.
@Suite struct KilledPipelineRunTests {
    /// Starts the sweep pipeline, which holds trial 0 (the pipeline's run, the sweep run and
    /// the trial's run all RUNNING), kills it with SIGKILL and returns the workspace.
    static func killedInATrial() throws -> SweepCommandTests.Workspace {
        let w = try SweepCommandTests.Workspace(SweepCommandTests.spec())
        let (process, _, stderr) = try ProductRunner(product: "autoscale").start(
            ["pipeline", "run", w.spec, "--db", w.db, "--hold-trial", "0", "--stale-after", "600"], in: w.folder.url)
        _ = try SweepCommandTests.waitForHold(trial: 0, stderr)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        return w
    }

    /// The pipeline's parent run, the sweep run and trial 0's run, with their statuses as read
    /// with the default 120 s heartbeat window.
    static func statuses(_ w: SweepCommandTests.Workspace) throws -> [String: RunStatus] {
        let registry = try w.registry()
        let runs = try registry.searchRuns(RunSearch(filter: "tags.pipeline = 'sweep-cli'")).runs
        return Dictionary(uniqueKeysWithValues: runs.map { ($0.name, $0.status) })
    }

    @Test func runsListMarksTheKilledPipelinesRunsKilled() throws {
        let w = try Self.killedInATrial()
        let list = try ProductRunner(product: "runs").run(["list", "--db", w.db, "--json"], in: w.folder.url)
        #expect(list.status == 0, "\(list.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [String: Any])
        let runs = try #require(object["runs"] as? [[String: Any]])
        #expect(runs.count == 3, "\(list.stdout)")
        #expect(runs.allSatisfy { $0["status"] as? String == "KILLED" }, "\(list.stdout)")
    }

    @Test func pipelineStatusAndTheNextRunMarkThemKilled() throws {
        let w = try Self.killedInATrial()
        let before = try Self.statuses(w)
        #expect(before.count == 3 && before.values.allSatisfy { $0 == .running }, "\(before)")
        let status = try ProductRunner(product: "autoscale").run(["pipeline", "status", w.spec, "--db", w.db], in: w.folder.url)
        #expect(status.status == 0, "\(status.stderr)")
        let after = try Self.statuses(w)
        #expect(after.count == 3 && after.values.allSatisfy { $0 == .killed }, "\(after)")

        // Killed again, then run again: the rerun marks the second killed run at its start.
        let w2 = try Self.killedInATrial()
        let rerun = try w2.run(["--stale-after", "1"])
        #expect(rerun.status == 0, "\(rerun.stderr)")
        let runs = try w2.registry().searchRuns(RunSearch(filter: "tags.command = 'pipeline run'")).runs
        #expect(runs.map(\.status).sorted { $0.rawValue < $1.rawValue } == [.finished, .killed], "\(runs.map(\.status))")
    }
}
