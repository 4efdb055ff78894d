import Foundation
import Pipeline
import TestSupport
import Testing
import Tracking

/// A sweep's limits, in one process on a real registry file: a larger budget continues a
/// finished sweep (the budget is not part of its identity), and a trial whose worker died in
/// each of its `max_attempts` claims ends `failed` with the reason instead of being requeued
/// forever. (The kill -9 of real worker processes: `CLITests.SweepCommandTests`.)
@Suite struct SweepLimitTests {
    @Test func aLargerBudgetContinuesTheFinishedSweepAndRunsOnlyTheExtraTrials() throws {
        let w = try TinyPipeline.Workspace(yaml: SweepPipeline.arimaSampled("random", trials: 2))
        let first = try w.run()
        #expect(first.failed.isEmpty, "\(first.stages)")
        let registry = try w.registry()
        let (sweep, before) = try registry.sweepTrials(first)
        #expect(before.map(\.number) == [0, 1])

        try SweepPipeline.arimaSampled("random", trials: 4).write(toFile: w.spec, atomically: true, encoding: .utf8)
        let second = try w.run()
        #expect(second.outcome("train") == "executed", "\(second.stages)")
        let (again, after) = try registry.sweepTrials(second)
        #expect(again == sweep)
        #expect(after.map(\.number) == [0, 1, 2, 3])
        #expect(after.allSatisfy { $0.state == .complete && $0.attempts == 1 })
        // Trials 0 and 1 are the same trials (same runs), not run again: 4 trial runs in all.
        #expect(Array(after.prefix(2)) == before)
        #expect(try registry.runDetails(sweep).childRuns.count == 4)
        // The same seed draws the same first trials: a fresh 4-trial sweep starts as this one.
        let fresh = try TinyPipeline.Workspace(yaml: SweepPipeline.arimaSampled("random", trials: 4))
        let freshReport = try fresh.run()
        #expect(try fresh.registry().sweepTrials(freshReport).trials.map(\.params) == after.map(\.params))
    }

    @Test func aTrialWhoseWorkerDiedInEachAttemptEndsFailedWithTheReason() throws {
        let w = try TinyPipeline.Workspace(yaml: SweepPipeline.arimaSampled("random", trials: 1))
        let first = try w.run()
        let registry = try w.registry()
        let (sweep, _) = try registry.sweepTrials(first)

        // Trial 1, as if three workers had claimed it and died: each claim requeues the one
        // before it (staleAfter 0: any heartbeat in the past is stale) and counts an attempt.
        #expect(try registry.enqueueTrial(sweep: sweep, number: 1, params: "{\"model.arima.p\":2,\"model.arima.q\":2}"))
        for attempt in 1...3 {
            Thread.sleep(forTimeInterval: 0.01)
            let claim = try #require(try registry.claimTrial(sweep: sweep, worker: "doomed-\(attempt)", staleAfter: 0))
            #expect(claim.number == 1 && claim.attempt == attempt)
        }

        // Budget 3: the worker finds trial 1 abandoned, does not run it a fourth time, and goes on with trial 2.
        try SweepPipeline.arimaSampled("random", trials: 3).write(toFile: w.spec, atomically: true, encoding: .utf8)
        let options = PipelineRunOptions(file: w.spec, jobs: 2, sweep: SweepSettings(staleAfter: 0.2))
        Thread.sleep(forTimeInterval: 0.3)
        let second = try PipelineJob.run(file: w.spec, overrides: [], options: options, registry: w.location)
        #expect(second.failed.isEmpty, "\(second.stages)")
        let (again, trials) = try registry.sweepTrials(second)
        #expect(again == sweep)
        #expect(trials.map(\.state) == [.complete, .failed, .complete])
        #expect(trials.map(\.attempts) == [1, 4, 1])
        let failed = try registry.runDetails(try #require(trials[1].run))
        #expect(failed.header.status == .failed)
        let error = try #require(failed.tags["error"])
        #expect(error.contains("trial 1: its worker died in each of its 3 attempts (max_attempts: 3)"), "\(error)")
        #expect(failed.tags["attempt"] == "4")
        let summary = try #require(second.sweeps.first)
        #expect(summary.trials.map(\.status) == ["complete", "failed", "complete"])
    }

    @Test func maxAttemptsIsReadFromTheSweepAndChecked() throws {
        let yaml = SweepPipeline.yaml(sweep: """
            method: random
            trials: 2
            max_attempts: 5
            objective: min metrics.val_mae_15m
            parameters:
              model.arima.p: {int: [0, 2]}
            """)
        let folder = try TemporaryFolder(prefix: "sweep-limit")
        let spec = try PipelineSpec.load(path: try folder.file("a.yaml", yaml))
        guard case .train(let train) = try #require(spec.plan.stage("train")).section else { Issue.record("train is not a train stage"); return }
        #expect(train.sweep?.maxAttempts == 5)
        let defaulted = try PipelineSpec.load(path: try folder.file("b.yaml", SweepPipeline.arimaSampled("random", trials: 2)))
        guard case .train(let other) = try #require(defaulted.plan.stage("train")).section else { Issue.record("train is not a train stage"); return }
        #expect(other.sweep?.maxAttempts == 3)
        do {
            _ = try PipelineSpec.load(path: try folder.file("c.yaml", yaml.replacingOccurrences(of: "max_attempts: 5", with: "max_attempts: 0")))
            Issue.record("max_attempts: 0 was accepted")
        } catch {
            #expect("\(error)".contains("stages.train.sweep.max_attempts"), "\(error)")
            #expect("\(error)".contains("at least 1 attempt"), "\(error)")
        }
    }
}
