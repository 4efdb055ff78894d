import Forecasting
import Foundation
import Ingest
import Kernels
import Pipeline
import Series
import Serving
import TestSupport
import Testing
import Tracking

/// `kind: backtest` in a real pipeline run: each model's run gets the replay's numbers for the
/// validation part (`val_…`, with the model that saw no validation targets) and the test part
/// (with the protocol fit); they equal `Serving.Backtest.run` on the same series and model;
/// and `select` can choose by them, with the evaluate stage's metrics beside them.
@Suite struct BacktestStageTests {
    static let yaml = TinyPipelineSpec.yaml
        .replacingOccurrences(of: """
              select:
                kind: select
                needs: evaluate
                best: min metrics.val_mase_15m
            """, with: """
              backtest:
                kind: backtest
                foreach: ${params.models}
                needs: train@${item}
                startup_delay_seconds: 120
              select:
                kind: select
                needs: [evaluate, backtest]
                best: min metrics.val_backtest_under_minutes
                filter: metrics.val_mase_15m < 100
            """)

    @Test func eachModelRunGetsBothPartsReplayedAndSelectChoosesByThem() throws {
        #expect(Self.yaml.contains("kind: backtest"), "the tiny spec changed shape; update the replacement")
        let w = try TinyPipeline.Workspace(yaml: Self.yaml)
        let report = try w.run()
        #expect(report.failed.isEmpty && report.skipped.isEmpty, "\(report.stages)")
        #expect(report.outcome("backtest@naive") == "executed" && report.outcome("backtest@snaive") == "executed")
        let registry = try w.registry()
        let parent = try #require(report.run)
        let children = try registry.runDetails(parent).childRuns

        // The series the pipeline generated (ingest: 1 container, 2 days, 5 min, seed 7; cpu is a gauge).
        var random = SplitMix64(seed: 7)
        let all = try WorkloadGenerator(config: WorkloadConfig(containers: 1, days: 2, interval: 300)).series(random: &random)
        let series = try #require(all[SeriesKey(container: "web-1", metric: "cpu")])
        let plan = try EvaluationPlan(series: series, horizonMinutes: [5, 15, 30])
        let nTrain = plan.split.trainCount, nVal = plan.split.validationCount
        let train = plan.grid.series.values[plan.split.train]
        var spec = BacktestSpec()
        spec.startupDelaySeconds = 120
        spec.capacityPerReplica = train.reduce(0, +) / Double(train.count) / spec.replicasAtMeanDemand

        var underByRun: [RunID: Double] = [:]
        var hpaTest: [Double] = []
        for child in children {
            let run = try registry.runDetails(child.id)
            #expect(run.artifacts.contains { $0.name == "backtest.svg" && $0.kind == "plot" })
            #expect(run.latest["val_mase_15m"] != nil, "evaluate's metrics are on the same run")
            let model = try ArtifactLoader.load(try registry.readArtifact(run: child.id, name: "model.json"))
            var testSpec = spec
            testSpec.warmupPoints = nTrain + nVal
            let expected = try Backtest.run(trace: plan.grid.series.timeSeries(name: "web-1/cpu"), name: "web-1/cpu",
                                            forecaster: RegisteredLikeForecaster(artifact: model), spec: testSpec)
            #expect(run.latest["backtest_under_minutes"] == expected.predictive.underProvisionedMinutes)
            #expect(run.latest["backtest_slack_replica_hours"] == expected.predictive.slackReplicaHours)
            #expect(run.latest["backtest_actions"] == Double(expected.predictive.scalingActions))
            #expect(run.latest["hpa_under_minutes"] == expected.reactive.underProvisionedMinutes)
            for key in ["val_backtest_under_minutes", "val_backtest_slack_replica_hours", "val_hpa_worst_shortfall", "val_backtest_actions"] {
                #expect(run.latest[key]?.isFinite == true, "\(key) of \(child.name)")
            }
            underByRun[child.id] = try #require(run.latest["val_backtest_under_minutes"])
            hpaTest.append(try #require(run.latest["hpa_slack_replica_hours"]))
        }
        #expect(underByRun.count == 2)
        // Reactive HPA does not depend on the model: the same numbers on both runs.
        #expect(Set(hpaTest).count == 1)
        // select chose the run with the fewest validation under-provisioned minutes.
        let best = try #require(underByRun.min { a, b in a.value < b.value || (a.value == b.value && a.key.rawValue < b.key.rawValue) })
        let registered = try #require(report.registered.first)
        #expect(underByRun[registered.run] == best.value)
    }

    @Test func aMissingPolicyFileIsReportedWithItsKey() throws {
        let yaml = Self.yaml.replacingOccurrences(of: "startup_delay_seconds: 120", with: "policy: no-such-policy.yaml")
        let w = try TinyPipeline.Workspace(yaml: yaml)
        #expect {
            _ = try w.run()
        } throws: { error in
            let text = "\(error)"
            return text.contains("stages.backtest") && text.contains("policy") && text.contains("no-such-policy.yaml")
        }
    }
}

/// What the stage does for a gauge: the artifact conditioned on the history up to each decision.
private struct RegisteredLikeForecaster: DemandForecaster {
    let artifact: FittedModelArtifact
    var name: String { artifact.kind.name }

    func forecast(history: TimeSeries, decision: Int, steps: Int) throws -> [Double]? {
        guard history.count >= max(try HistoryRequirement.minimumRawPoints(artifact), 2) else { return nil }
        return try artifact.forecast(rawHistory: history, steps: steps)
    }
}

private extension RegularSeries {
    func timeSeries(name: String) -> TimeSeries {
        TimeSeries(name: name, timestamps: values.indices.map { start + Double($0) * interval }, values: values)
    }
}
