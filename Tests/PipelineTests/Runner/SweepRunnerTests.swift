import Forecasting
import Foundation
import Pipeline
import TestSupport
import Testing
import Tracking

/// Sweep stages end to end in one process, on a real registry file: each trial runs exactly
/// once and is recorded, the best trial is the stage's product, samplers are reproducible,
/// ASHA prunes, and a sweep run again finds its run and does not redo finished trials.
/// (Worker processes and kill -9: `CLITests.SweepCommandTests`.)
@Suite struct SweepRunnerTests {
    @Test func gridSweepRunsEveryTrialOnceAndItsBestTrialIsTheProduct() throws {
        let w = try TinyPipeline.Workspace(yaml: SweepPipeline.arimaGrid)
        let report = try w.run()
        #expect(report.failed.isEmpty && report.skipped.isEmpty, "\(report.stages)")
        let registry = try w.registry()
        let (sweep, trials) = try registry.sweepTrials(report)

        // Four grid points, each exactly once, complete, first attempt, its own run.
        #expect(trials.map(\.number) == [0, 1, 2, 3])
        #expect(trials.allSatisfy { $0.state == .complete && $0.attempts == 1 && $0.objective?.isFinite == true })
        let points = Set(trials.map(\.params))
        #expect(points == ["{\"model.arima.p\":0,\"model.arima.q\":0}", "{\"model.arima.p\":0,\"model.arima.q\":1}",
                           "{\"model.arima.p\":1,\"model.arima.q\":0}", "{\"model.arima.p\":1,\"model.arima.q\":1}"])
        let runs = trials.compactMap(\.run)
        #expect(Set(runs).count == 4)

        // The sweep run: a child of the pipeline run, tagged, with the settings as params.
        let sweepDetails = try registry.runDetails(sweep)
        #expect(sweepDetails.header.status == .finished)
        #expect(sweepDetails.tags["sweep"] == "train")
        #expect(sweepDetails.params["sweep.method"] == "grid")
        #expect(sweepDetails.params["sweep.objective"] == "min metrics.val_mae_15m")
        #expect(sweepDetails.ancestors.first?.id == report.run)
        #expect(Set(sweepDetails.childRuns.map(\.id)) == Set(runs))

        // Each trial run: the sampled values as params, the objective = its val_ metric, test metrics, a model.
        for trial in trials {
            let run = try registry.runDetails(try #require(trial.run))
            let params = try TrialParameters(canonicalJSON: trial.params)
            #expect(run.params["trial.model.arima.p"] == params["model.arima.p"]?.description)
            #expect(run.params["trial_number"] == String(trial.number))
            #expect(run.latest["objective"] == trial.objective)
            #expect(run.metrics.first { $0.key == "val_mae_15m" }.map { $0.min } == trial.objective)
            #expect(run.latest["mae_15m"]?.isFinite == true)
            #expect(run.artifacts.contains { $0.name == "model.json" && $0.kind == "model" })
        }

        // The best trial (lowest val_mae_15m) is the product: evaluate, select and register follow it.
        let best = try #require(trials.min { $0.objective! < $1.objective! })
        let summary = try #require(report.sweeps.first)
        #expect(summary.bestTrial == best.number && summary.bestRun == best.run)
        #expect(summary.trials.map(\.status) == ["complete", "complete", "complete", "complete"])
        #expect(report.registered.first?.run == best.run)
        #expect(try registry.runDetails(sweep).tags["best_trial"] == String(best.number))
    }

    @Test func aSweepRunAgainFindsItsRunAndDoesNotRedoFinishedTrials() throws {
        let w = try TinyPipeline.Workspace(yaml: SweepPipeline.arimaGrid)
        let first = try w.run()
        let registry = try w.registry()
        let (sweep, trials) = try registry.sweepTrials(first)

        // Unchanged: the stage is reused from the cache, with its summary.
        let second = try w.run()
        #expect(second.outcome("train") == "reused")
        #expect(second.sweeps.first?.sweep == sweep)

        // Its cache entry gone (as after a kill before the stage stored it): the stage runs,
        // finds the same sweep run by its cache key and runs no trial again.
        try FileManager.default.removeItem(at: w.folder.url.appendingPathComponent("experiments/cache"))
        let third = try w.run()
        #expect(third.outcome("train") == "executed")
        let again = try registry.sweepTrials(third)
        #expect(again.sweep == sweep)
        #expect(again.trials == trials)
        #expect(try registry.runDetails(sweep).childRuns.count == 4)
        #expect(try registry.runDetails(sweep).tags["resumed_by"] == third.run?.rawValue)
    }

    /// The sweep is part of the stage's cache key: another budget makes the stage (and what
    /// reads it) stale, with `sweep` among the changed parameters.
    @Test func theSweepIsPartOfTheStagesCacheKey() throws {
        let w = try TinyPipeline.Workspace(yaml: SweepPipeline.arimaGrid)
        _ = try w.run()
        #expect(try w.status().stale.isEmpty)
        try SweepPipeline.arimaGrid.replacingOccurrences(of: "trials: 10", with: "trials: 3")
            .write(toFile: w.spec, atomically: true, encoding: .utf8)
        let status = try w.status()
        #expect(status.stale.map(\.id) == ["train", "evaluate", "select", "register"], "\(status.stages)")
        let train = try #require(status.stages.first { $0.id == "train" })
        #expect(train.reasons.contains { $0.contains("sweep") }, "\(train.reasons)")
    }

    /// TPE runs 12 trials, so that the last two come from its Parzen estimators (after 10
    /// random start-up trials) and depend on the objectives recorded before them.
    @Test(arguments: [("random", 3), ("tpe", 12)])
    func sampledSweepsDrawTheSameParametersForTheSameSeed(method: String, count: Int) throws {
        var sequences: [[String]] = []
        for _ in 0..<2 {
            let w = try TinyPipeline.Workspace(yaml: SweepPipeline.arimaSampled(method, trials: count))
            let report = try w.run()
            #expect(report.failed.isEmpty, "\(report.stages)")
            let (_, trials) = try w.registry().sweepTrials(report)
            #expect(trials.count == count && trials.allSatisfy { $0.state == .complete })
            sequences.append(trials.map(\.params))
        }
        #expect(sequences[0] == sequences[1])
    }

    @Test func ashaPrunesTrialsWhoseValidationLossTrails() throws {
        let w = try TinyPipeline.Workspace(yaml: SweepPipeline.lstmPruned)
        let report = try w.run(jobs: 2)
        #expect(report.failed.isEmpty && report.skipped.isEmpty, "\(report.stages)")
        let registry = try w.registry()
        let (_, trials) = try registry.sweepTrials(report)
        #expect(trials.count == 4)
        let pruned = trials.filter { $0.state == .pruned }
        #expect(!pruned.isEmpty, "\(trials.map { "\($0.number) \($0.state)" })")
        #expect(trials.contains { $0.state == .complete })
        let summary = try #require(report.sweeps.first)
        for trial in pruned {
            let run = try registry.runDetails(try #require(trial.run))
            let epoch = try #require(run.tags["pruned_at_epoch"].flatMap { Int($0) })
            #expect(epoch < 3)
            let reason = try #require(run.tags["prune_reason"])
            #expect(reason.contains("cutoff") || reason.contains("NaN"), "\(reason)")
            #expect(run.metrics.first { $0.key == "val_loss" }?.count == epoch)
            #expect(summary.trials.first { $0.number == trial.number }?.epochs == epoch)
            #expect(run.header.status == .finished)
        }
        // The best trial is a complete one.
        #expect(trials.first { $0.number == summary.bestTrial }?.state == .complete)
    }
}
