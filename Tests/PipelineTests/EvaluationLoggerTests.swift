import Forecasting
import Foundation
import Ingest
import Pipeline
import Series
import Testing
import TestSupport
import Tracking

/// An evaluation recorded through the real tracker (SQLite in memory, same constraints).
@Suite struct EvaluationLoggerTests {
    func rampReport() throws -> EvaluationReport {
        // 100 points at 5 minutes, values 0…99: naive misses by h/69 on the scaled ramp.
        let series = TimeSeries(name: "ramp", timestamps: (0..<100).map { Double($0) * 300 }, values: (0..<100).map(Double.init))
        return try ModelSpec.naive.evaluate(on: try EvaluationPlan(series: series), with: Evaluator())
    }

    @Test func recordsParamsMetricsAndAFinishedRun() throws {
        let registry = try Registry.inMemory()
        let logger = EvaluationLogger(tracker: registry, experiment: "demo")
        try logger.log(try rampReport(), seed: 7, tags: ["metric": "cpu"])
        let runs = try registry.searchRuns(RunSearch(experiment: "demo")).runs
        #expect(runs.count == 1)
        let run = try registry.runDetails(try #require(runs.first).id)
        #expect(run.header.status == .finished)
        #expect(run.header.name == "ramp/naive")
        #expect(run.seed == 7)
        #expect(run.params["model"] == "naive" && run.params["n_train"] == "70")
        #expect(run.tags["metric"] == "cpu")
        let metrics = Dictionary(uniqueKeysWithValues: run.metrics.map { ($0.key, $0.latest) })
        let mae15 = try #require(metrics["mae_15m"])
        #expect(abs(mae15 - 3.0 / 69) < 1e-12)
        #expect(metrics["mase_30m"].map { abs($0 - 6) < 1e-9 } == true)
        // Timings, 5 scores and 2 interval coverages (80 %, 95 %) per horizon.
        #expect(metrics.count == 2 + 3 * 5 + 3 * 2)
    }

    /// Coverage is logged as `coverage_<percent>_<minutes>m`, the report's shares.
    @Test func coverageIsLoggedPerLevelAndHorizon() throws {
        let report = try rampReport()
        let coverage = try #require(report.coverage)
        let registry = try Registry.inMemory()
        let run = try EvaluationLogger(tracker: registry, experiment: "demo").log(report, seed: nil, tags: [:])
        let metrics = Dictionary(uniqueKeysWithValues: try registry.runDetails(run).metrics.map { ($0.key, $0.latest) })
        for (minutes, percent, level) in [(5, "80", "0.8"), (15, "95", "0.95"), (30, "80", "0.8")] {
            let logged = try #require(metrics["coverage_\(percent)_\(minutes)m"], "coverage_\(percent)_\(minutes)m missing")
            #expect(logged == coverage[String(minutes)]?[level] && (0...1).contains(logged))
        }
    }

    /// An ensemble's members and per-step weights become params of its run.
    @Test func ensembleMembersAndWeightsAreParams() throws {
        let series = TimeSeries(name: "wave", timestamps: (0..<400).map { Double($0) * 300 },
                                values: (0..<400).map { (k: Int) -> Double in 50 + 10 * sin(Double(k) / 9) + Double(k % 7) })
        let spec = ModelSpec(EnsembleSettings(members: [ModelSpec(kind: .naive), ModelSpec(kind: .arima)]))
        let report = try spec.evaluate(on: try EvaluationPlan(series: series), with: Evaluator())
        let registry = try Registry.inMemory()
        let run = try EvaluationLogger(tracker: registry, experiment: "demo").log(report, seed: nil, tags: [:])
        let params = try registry.runDetails(run).params
        #expect(params["model"] == "ensemble" && params["ensemble.members"] == "naive,arima" && params["ensemble.combine"] == "weights")
        for minutes in [5, 15, 30] {
            let weights = try JSONDecoder().decode([Double].self, from: Data(try #require(params["ensemble.weights_\(minutes)"]).utf8))
            guard case .numbers(let reported) = report.parameters["ensemble.weights_\(minutes)"] else {
                Issue.record("no weights for \(minutes) minutes in \(report.parameters.keys.sorted())")
                continue
            }
            #expect(weights == reported && weights.count == 2 && abs(weights.reduce(0, +) - 1) < 1e-9)
        }
        #expect(params["arima.order"] == nil, "only the ensemble's own summary becomes params")
    }

    /// A report with validation scores adds `val_<metric>_<minutes>m` beside the test metrics.
    @Test func validationScoresAreLoggedWithTheValPrefix() throws {
        let series = TimeSeries(name: "ramp", timestamps: (0..<100).map { Double($0) * 300 }, values: (0..<100).map(Double.init))
        let plan = try EvaluationPlan(series: series)
        let report = try ModelSpec.naive.evaluateDetailed(on: plan, with: Evaluator(), validation: true).report
        let registry = try Registry.inMemory()
        let run = try EvaluationLogger(tracker: registry, experiment: "demo").log(report, seed: nil, tags: [:])
        let metrics = Dictionary(uniqueKeysWithValues: try registry.runDetails(run).metrics.map { ($0.key, $0.latest) })
        #expect(metrics.count == 2 + 2 * 3 * 5 + 3 * 2)
        // Naive on the ramp misses every validation target by h/69 too.
        #expect(metrics["val_mae_15m"].map { abs($0 - 3.0 / 69) < 1e-12 } == true)
        #expect(metrics["val_mase_30m"].map { abs($0 - 6) < 1e-9 } == true)
        #expect(metrics["mae_15m"] == report.horizons["15"]?.mae)
    }

    @Test func filterLanguageFindsTheBetterRun() throws {
        let registry = try Registry.inMemory()
        let logger = EvaluationLogger(tracker: registry, experiment: "demo")
        try logger.log(try rampReport(), seed: nil, tags: [:])
        // MASE of naive on the ramp is exactly h, so 5 min (h = 1) passes and 15 min does not.
        let hits = try registry.searchRuns(RunSearch(filter: "metrics.mase_5m < 1.5 and params.model = 'naive'")).runs
        let misses = try registry.searchRuns(RunSearch(filter: "metrics.mase_15m < 1.5")).runs
        #expect(hits.count == 1 && misses.isEmpty)
    }
}
