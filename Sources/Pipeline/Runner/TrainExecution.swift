import Forecasting
import Foundation
import Series
import Tracking

/// `kind: train`: one catalog model fitted by the protocol (docs/EVALUATION.md §5) on the
/// split it needs, recorded as a child run of the pipeline's run: resolved params, seed,
/// per-epoch losses as they happen (`TrainingMetricsLogger`), `fit_seconds`, the fitted
/// model as artifact `model.json` of kind `model` (promotable), and the loss curves. The
/// cache entry keeps `model.json` and, for models refitted on the train part for
/// validation scores, `validation_model.json`, which `evaluate` scores.
enum TrainExecution {
    static func run(_ stage: TrainStage, _ input: StageInput) throws -> StageResult {
        let (split, window) = try splitInput(input)
        let windowHorizons = window?.horizons
        guard abs(split.train - 0.70) < 1e-12, abs(split.validation - 0.15) < 1e-12 else {
            throw PipelineRunError.nonProtocolSplit(stage: input.stage.id, train: split.train, validation: split.validation)
        }
        let horizons = try windowHorizons ?? TrainHorizons.configured(stage)
        let series = split.series
        let plan = try EvaluationPlan(series: series.timeSeries, horizonMinutes: horizons)
        let spec = try windowed(stage.model, window)
        let t = input.tracking
        let run = try t.tracker.createRun(RunSpec(
            experiment: t.experiment, name: "\(series.name)/\(spec.name)", seed: RunTracking.seed(spec), parent: t.parent,
            tags: ["pipeline": t.pipeline, "stage": input.stage.id, "model": spec.name, "series": series.name, "metric": series.metric ?? ""]
                .merging(OwnerProcess.current().tags) { a, _ in a }))
        let pump = HeartbeatPump(tracker: t.tracker, run: run)
        defer { pump.stop() }
        do {
            var params = try RunTracking.modelParams(spec)
            params["series"] = series.name
            params["horizons_minutes"] = horizons.map(String.init).joined(separator: ",")
            params["interval_seconds"] = String(plan.grid.series.interval)
            params["n"] = String(plan.split.count)
            params["n_train"] = String(plan.split.trainCount)
            params["n_val"] = String(plan.split.validationCount)
            params["n_test"] = String(plan.split.testCount)
            params["protocol"] = "EVALUATION.md v1"
            try t.tracker.logBatch(run: run, params: params, metrics: [], tags: [:])

            let logger = TrainingMetricsLogger(tracker: t.tracker, run: run)
            let events = input.events
            let id = input.stage.id
            let hooks = logger.hooks(wrapping: TrainingHooks(events: { events.training(id, $0) }, now: TrainingHooks.monotonicSeconds))
            let fit = try spec.fitForProtocol(on: plan, clock: ContinuousClock(), hooks: hooks)
            try logger.check()

            var files: [String: Data] = [:]
            let model = try withPreprocessing(fit.model, series: series, plan: plan)
            files["model.json"] = try model.encoded()
            if let validation = fit.validationModel {
                files["validation_model.json"] = try withPreprocessing(validation, series: series, plan: plan).encoded()
            }
            _ = try t.tracker.logArtifact(run: run, name: "model.json", kind: "model", data: files["model.json"]!)
            if let losses = EvaluationPlots.losses(logger.epochs, model: spec.name) {
                _ = try t.tracker.logArtifact(run: run, name: "loss.svg", kind: "plot", data: Data(losses.utf8))
            }
            try t.tracker.logMetrics(run: run, [MetricPoint(key: "fit_seconds", value: fit.fitSeconds)])
            try t.tracker.setStatus(run: run, .finished)
            let product = TrainProduct(
                run: run, series: series, model: spec.name, horizons: horizons, artifactFile: "model.json",
                validationArtifactFile: fit.validationModel == nil ? nil : "validation_model.json",
                fitSeconds: fit.fitSeconds, epochs: logger.epochs.isEmpty ? nil : logger.epochs.count)
            return StageResult(product: .model(product), files: files)
        } catch {
            try t.tracker.setStatus(run: run, .failed)
            throw error
        }
    }

    /// The split a train stage reads, and the window stage's product when it reads one.
    static func splitInput(_ input: StageInput) throws -> (SplitProduct, WindowProduct?) {
        var found: [(SplitProduct, WindowProduct?)] = []
        for item in input.inputs {
            switch item.product {
            case .split(let split): found.append((split, nil))
            case .windows(let windows): found.append((windows.split, windows))
            default: break
            }
        }
        guard found.count == 1, let one = found.first else {
            throw PipelineRunError.wrongInputCount(stage: input.stage.id, expected: "one split or window", found: found.count)
        }
        return one
    }

    /// The LSTM with the window stage's input window (`window_size` grid steps); other
    /// models have no window and are returned as they are.
    static func windowed(_ spec: ModelSpec, _ window: WindowProduct?) throws -> ModelSpec {
        guard let window, var lstm = spec.settings as? LSTMConfiguration else { return spec }
        lstm.windowSteps = window.windowSize
        return ModelSpec(lstm)
    }

    /// A counter's model forecasts from raw counter values: the artifact gets the rate
    /// stage the `preprocess` stage applied (`input: counter`, nothing else), so that
    /// `forecast(rawHistory:)` turns raw counters into the rates the model was fitted on.
    static func withPreprocessing(_ artifact: FittedModelArtifact, series: StoredSeries, plan: EvaluationPlan) throws -> FittedModelArtifact {
        guard series.preprocessing?.input == .counter else { return artifact }
        var result = artifact
        let rateOnly = try PreprocessingSpec(input: .counter)
        result.preprocessing = try Preprocessor(spec: rateOnly).fit(train: plan.grid.series.values[plan.split.train])
        return result
    }
}
