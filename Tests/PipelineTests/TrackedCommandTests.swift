import Forecasting
import Foundation
import Ingest
import Series
import TestSupport
import Testing
import Tracking
@testable import Pipeline

/// `evaluate` / `forecast` with `--track`: the run the registry holds afterwards.
@Suite struct TrackedCommandTests {
    let folder: TemporaryFolder
    let data: String

    init() throws {
        folder = try TemporaryFolder()
        let lines = ["timestamp,value"] + (0..<600).map { i in
            "\(1_700_000_000 + 300 * i),\(50 + 10 * sin(2 * Double.pi * Double(i) / 288) + 0.5 * sin(Double(i) * 1.7))"
        }
        data = try folder.file("series.csv", lines.joined(separator: "\n") + "\n")
    }

    static func tinyLSTM() -> ModelSpec {
        ModelSpec(LSTMConfiguration(windowMinutes: 60, hiddenSize: 4, layers: 1, bidirectional: false, dropout: 0, headHidden: 4,
                                headDropout: 0, training: LSTMTrainingOptions(epochs: 2, learningRate: 1e-2, seed: 3)))
    }

    /// Every kind's `settings` param gives its spec back, including kinds without settings
    /// (an empty settings object once overwrote the naive spec's JSON with "{}").
    @Test(arguments: ModelKind.allCases)
    func settingsParamDecodesToTheSpec(kind: ModelKind) throws {
        let spec = ModelSpec(kind: kind)
        let params = try RunTracking.modelParams(spec)
        let decoded = try JSONDecoder().decode(ModelSpec.self, from: Data(try #require(params["settings"]).utf8))
        #expect(decoded == spec)
        #expect(params["model"] == spec.name)
    }

    @Test func evaluationRecordsParamsEpochsMetricsAndAPromotableModel() throws {
        let registry = try Registry.inMemory()
        let tracked = try evaluateSeriesTracked(
            SeriesEvaluationRequest(dataPath: data, model: Self.tinyLSTM()), evaluator: Evaluator(),
            tracking: RunTracking(tracker: registry, experiment: "eval"))
        let run = try registry.runDetails(tracked.run)
        #expect(run.header.status == .finished && run.seed == 3)
        #expect(run.params["model"] == "lstm" && run.params["code_version"] == CodeVersion.current)
        let settings = try JSONDecoder().decode(ModelSpec.self, from: Data(try #require(run.params["settings"]).utf8))
        #expect(settings == Self.tinyLSTM())
        #expect(run.params["settings.hiddenSize"] == "4" && run.params["settings.training.learningRate"] == "0.01")
        #expect(run.params["settings.training.optimizer"] == "adam" && run.params["settings.bidirectional"] == "false")
        #expect(run.params["settings.horizonMinutes"] == "[5,15,30]")
        let hits = try registry.searchRuns(RunSearch(filter: "params.settings.hiddenSize = '4'")).runs
        #expect(hits.map(\.id) == [tracked.run])
        let metrics = Dictionary(uniqueKeysWithValues: run.metrics.map { ($0.key, $0.latest) })
        #expect(metrics["mae_15m"] == tracked.value.horizons["15"]?.mae)
        #expect(metrics["relmae_15m"].map(\.isFinite) == true)
        // Validation scores beside the test ones, from the same fit for the LSTM.
        let validation = try #require(tracked.value.validation)
        #expect(metrics["val_mae_15m"] == validation["15"]?.mae && metrics["val_mae_15m"].map(\.isFinite) == true)
        for key in ["val_mae", "val_rmse", "val_smape", "val_mase", "val_r2"].flatMap({ m in ["5m", "15m", "30m"].map { "\(m)_\($0)" } }) {
            #expect(metrics[key] != nil, "\(key)")
        }
        #expect(try registry.history(tracked.run, metric: "val_loss").points.map(\.step) == [1, 2])
        #expect(try registry.history(tracked.run, metric: "train_loss").points.count == 2)
        // The model artifact loads, forecasts, and can be promoted.
        let artifact = try ArtifactLoader.load(try registry.readArtifact(run: tracked.run, name: "model.json"))
        #expect(artifact.kind == .lstm && artifact.codeVersion == CodeVersion.current)
        let raw = try CSVSeriesReader.read(path: data).series
        #expect(try artifact.forecast(rawHistory: raw, steps: 3).allSatisfy(\.isFinite))
        let promotion = try registry.promote(run: tracked.run, model: "cpu", artifact: nil, alias: "production", reason: "test")
        #expect(promotion.artifact.name == "model.json" && promotion.artifact.kind == "model")
        let evaluationJSON = try JSONSerialization.jsonObject(with: try registry.readArtifact(run: tracked.run, name: "evaluation.json"))
        let validationJSON = (evaluationJSON as? [String: Any])?["validation"] as? [String: [String: Any]]
        #expect(validationJSON?["15"]?["mae"] as? Double == validation["15"]?.mae)
        // Plots: forecast against actual per horizon, and the loss curves.
        let plots = try registry.artifacts(of: tracked.run).filter { $0.kind == "plot" }.map(\.name).sorted()
        #expect(plots == ["forecast_15m.svg", "forecast_30m.svg", "forecast_5m.svg", "loss.svg"])
        for name in plots {
            let svg = String(decoding: try registry.readArtifact(run: tracked.run, name: name), as: UTF8.self)
            #expect(svg.hasPrefix("<svg") && svg.contains("<polyline") && svg.hasSuffix("</svg>\n"), "\(name)")
        }
    }

    @Test func forecastRecordsTheModelThatReproducesIt() throws {
        let registry = try Registry.inMemory()
        let tracked = try forecastSeriesTracked(
            SeriesForecastRequest(dataPath: data, model: ModelSpec(kind: .autoarima), minutes: 30), now: { 0 },
            tracking: RunTracking(tracker: registry, experiment: "fc"))
        let run = try registry.runDetails(tracked.run)
        #expect(run.header.status == .finished && run.params["model"] == "autoarima" && run.params["minutes"] == "30")
        let artifact = try ArtifactLoader.load(try registry.readArtifact(run: tracked.run, name: "model.json"))
        let again = try artifact.forecast(rawHistory: try CSVSeriesReader.read(path: data).series, steps: 6)
        let printed = tracked.value.forecasts.map(\.value)
        #expect(zip(again, printed).allSatisfy { abs($0 - $1) <= 1e-9 * 50 }, "\(again) vs \(printed)")
        // History, forecast, and the lower and upper bounds of the 80 % and 95 % intervals.
        let svg = String(decoding: try registry.readArtifact(run: tracked.run, name: "forecast.svg"), as: UTF8.self)
        #expect(svg.components(separatedBy: "<polyline").count - 1 == 6 && svg.contains("95 % interval"))
    }

    /// A model that cannot fit leaves a FAILED run and the error.
    @Test func failureMarksTheRunFailed() throws {
        let registry = try Registry.inMemory()
        var spec = LSTMConfiguration(windowMinutes: 5_000)
        spec.training.epochs = 1
        #expect(throws: LSTMError.self) {
            try evaluateSeriesTracked(SeriesEvaluationRequest(dataPath: data, model: ModelSpec(spec)), evaluator: Evaluator(),
                                      tracking: RunTracking(tracker: registry, experiment: "eval"))
        }
        let runs = try registry.searchRuns(RunSearch(experiment: "eval")).runs
        #expect(runs.count == 1 && runs.first?.status == .failed)
    }
}

/// A registry that refuses per-epoch metrics, to check that such a failure is not lost.
struct EpochRefusingTracker: Tracker {
    struct Refused: Error, Equatable {}
    let registry: Registry

    func createRun(_ spec: RunSpec) throws -> RunID { try registry.createRun(spec) }
    func logBatch(run: RunID, params: [String: String], metrics: [MetricPoint], tags: [String: String]) throws {
        if metrics.contains(where: { $0.key == "val_loss" }) { throw Refused() }
        try registry.logBatch(run: run, params: params, metrics: metrics, tags: tags)
    }
    func setStatus(run: RunID, _ status: RunStatus) throws { try registry.setStatus(run: run, status) }
    func heartbeat(run: RunID) throws { try registry.heartbeat(run: run) }
    func logArtifact(run: RunID, name: String, kind: String, data: Data) throws -> ArtifactReference {
        try registry.logArtifact(run: run, name: name, kind: kind, data: data)
    }
    func promote(run: RunID, model: String, artifact: String?, alias: String?, reason: String?) throws -> Promotion {
        try registry.promote(run: run, model: model, artifact: artifact, alias: alias, reason: reason)
    }
    func searchRuns(_ search: RunSearch) throws -> RunList { try registry.searchRuns(search) }
    func readArtifact(run: RunID, name: String) throws -> Data { try registry.readArtifact(run: run, name: name) }
    func readArtifact(_ reference: ArtifactReference) throws -> Data { try registry.readArtifact(reference) }
    func resolveAlias(model: String, alias: String) throws -> ModelSummary.Version {
        try registry.resolveAlias(model: model, alias: alias)
    }
    func metricHistories(runs: [RunID], key: String) throws -> [RunID: [MetricHistory.Point]] {
        try registry.metricHistories(runs: runs, key: key)
    }
    func enqueueTrial(sweep: RunID, number: Int, params: String) throws -> Bool {
        try registry.enqueueTrial(sweep: sweep, number: number, params: params)
    }
    func claimTrial(sweep: RunID, worker: String, staleAfter: Double) throws -> ClaimedTrial? {
        try registry.claimTrial(sweep: sweep, worker: worker, staleAfter: staleAfter)
    }
    func heartbeatTrial(sweep: RunID, number: Int, attempt: Int) throws {
        try registry.heartbeatTrial(sweep: sweep, number: number, attempt: attempt)
    }
    func attachRun(sweep: RunID, number: Int, attempt: Int, run: RunID) throws {
        try registry.attachRun(sweep: sweep, number: number, attempt: attempt, run: run)
    }
    func finishTrial(sweep: RunID, number: Int, attempt: Int, state: TrialState, objective: Double?) throws {
        try registry.finishTrial(sweep: sweep, number: number, attempt: attempt, state: state, objective: objective)
    }
    func trials(sweep: RunID) throws -> [SweepTrial] { try registry.trials(sweep: sweep) }
}

extension TrackedCommandTests {
    /// Training events cannot throw; a failure to log an epoch fails the run after training.
    @Test func epochLoggingFailureFailsTheRun() throws {
        let registry = try Registry.inMemory()
        #expect(throws: EpochRefusingTracker.Refused()) {
            try evaluateSeriesTracked(
                SeriesEvaluationRequest(dataPath: data, model: Self.tinyLSTM()), evaluator: Evaluator(),
                tracking: RunTracking(tracker: EpochRefusingTracker(registry: registry), experiment: "eval"))
        }
        #expect(try registry.searchRuns(RunSearch(experiment: "eval")).runs.map(\.status) == [.failed])
    }
}
