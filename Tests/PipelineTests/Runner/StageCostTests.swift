import Forecasting
import Foundation
import TestSupport
import Testing
@testable import Pipeline

/// Longest expected stage first among the ready ones (`StageCost`): the rank by kind and
/// model, the launch order it gives, and the order stages really start in under `--jobs 1`.
@Suite struct StageCostTests {
    func plan(models: String) throws -> PipelinePlan {
        let folder = try TemporaryFolder(prefix: "stage-cost")
        return try PipelineSpec.load(path: try folder.file("tiny.yaml", TinyPipelineSpec.yaml), overrides: ["models=\(models)"]).plan
    }

    @Test func readyStagesLaunchCostliestFirstAndEvaluateCostsWhatItsModelCosts() throws {
        let plan = try plan(models: "[naive, arima, snaive, autoarima]")
        let costs = StageCost.expected(plan)
        let index = Dictionary(uniqueKeysWithValues: plan.stages.enumerated().map { ($1.id, $0) })
        func ids(_ order: [Int]) -> [String] { order.map { plan.stages[$0].id } }

        let trains = ["train@naive", "train@arima", "train@snaive", "train@autoarima"].map { index[$0]! }
        #expect(ids(StageCost.launchOrder(trains, costs: costs)) == ["train@autoarima", "train@arima", "train@snaive", "train@naive"])
        let evaluates = ["evaluate@naive", "evaluate@arima", "evaluate@snaive", "evaluate@autoarima"].map { index[$0]! }
        #expect(evaluates.map { costs[$0] } == trains.map { costs[$0] })
        // Cheap kinds rank 0 and keep plan order after any model fit.
        #expect(costs[index["data"]!] == 0 && costs[index["select"]!] == 0)
        let mixed = [index["report"]!, index["train@naive"]!, index["select"]!]
        #expect(ids(StageCost.launchOrder(mixed, costs: costs)) == ["train@naive", "select", "report"])
        // The model ranks, LSTM highest.
        #expect([ModelKind.lstm, .prophet, .autoarima, .arima, .snaive, .naive].map(StageCost.modelCost) == [6, 5, 4, 3, 2, 1])
    }

    /// With one job, the four train stages are ready together: they start costliest first
    /// (plan order would start naive first), and so do their evaluate stages.
    @Test func withOneJobTheCostliestReadyStageStartsFirst() throws {
        let w = try TinyPipeline.Workspace()
        let log = EventLog()
        let report = try w.run(["models=[naive, snaive, arima]"], jobs: 1, events: log.events)
        #expect(report.failed.isEmpty, "\(report.stages)")
        let started = log.entries.filter(\.1).map(\.0)
        #expect(started.filter { $0.hasPrefix("train@") } == ["train@arima", "train@snaive", "train@naive"], "\(started)")
        #expect(started.filter { $0.hasPrefix("evaluate@") } == ["evaluate@arima", "evaluate@snaive", "evaluate@naive"], "\(started)")
    }
}
