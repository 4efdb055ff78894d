import Foundation
import Series

extension ModelSpec {
    /// Scores this model on `plan` through the protocol's evaluator. `hooks` reach the
    /// models that train (the LSTM); the others ignore them. The LSTM's horizons are the
    /// plan's; seasons in seconds become steps of the plan's grid; a logistic capacity is
    /// moved into the plan's scaled units.
    public func evaluate<C: Clock>(
        on plan: EvaluationPlan, with evaluator: Evaluator<C>, hooks: TrainingHooks = .silent
    ) throws -> EvaluationReport {
        try evaluateWithArtifact(on: plan, with: evaluator, hooks: hooks).report
    }

    /// `evaluate`, and the model the evaluator fitted (on train + validation, scaled by the
    /// plan's min-max scaler) as an artifact that forecasts from raw values. For the LSTM
    /// the artifact's settings carry the plan's horizons, which it was trained for.
    public func evaluateWithArtifact<C: Clock>(
        on plan: EvaluationPlan, with evaluator: Evaluator<C>, hooks: TrainingHooks = .silent
    ) throws -> (report: EvaluationReport, artifact: FittedModelArtifact) {
        let outcome = try evaluateDetailed(on: plan, with: evaluator, hooks: hooks)
        return (outcome.report, outcome.artifact)
    }

    /// `evaluateWithArtifact` plus the scored forecast paths (`Evaluator.evaluateWithForecasts`).
    public func evaluateDetailed<C: Clock>(
        on plan: EvaluationPlan, with evaluator: Evaluator<C>, hooks: TrainingHooks = .silent
    ) throws -> ModelEvaluation {
        let recorder = StateRecorder()
        let scored: (report: EvaluationReport, paths: [[Double]])
        var resolved = self
        switch self {
        case .naive:
            scored = try evaluator.evaluateWithForecasts(recorder.wrap(Naive()) { .naive($0) }, plan: plan)
        case .seasonalNaive(let settings):
            scored = try evaluator.evaluateWithForecasts(recorder.wrap(settings.model) { .seasonalNaive($0) }, plan: plan)
        case .arima(let settings):
            scored = try evaluator.evaluateWithForecasts(recorder.wrap(settings.model) { .arima($0) }, plan: plan)
        case .autoARIMA(let settings):
            let model = try settings.model(interval: plan.scaled.interval, name: name)
            scored = try evaluator.evaluateWithForecasts(recorder.wrap(model) { .arima($0) }, plan: plan)
        case .prophet(let settings):
            var model = settings.model
            model.growth = try Self.scaled(settings.growth, by: plan)
            scored = try evaluator.evaluateWithForecasts(recorder.wrap(model) { .prophet($0) }, plan: plan)
        case .lstm(var configuration):
            configuration.horizonMinutes = plan.horizons.map { Double($0.minutes) }
            resolved = .lstm(configuration)
            let forecaster = LSTMForecaster(configuration: configuration, hooks: hooks)
            scored = try evaluator.evaluateWithForecasts(recorder.wrap(forecaster) { .lstm($0.artifact) }, plan: plan)
        }
        guard let state = recorder.state else {
            throw ArtifactError.invalid(kind: name, formatVersion: FittedModelArtifact.formatVersion, reason: "the evaluator returned without fitting the model")
        }
        let fitted = plan.grid.series
        let artifact = FittedModelArtifact(
            spec: resolved, state: state,
            data: FittedData(intervalSeconds: fitted.interval, start: fitted.start, count: plan.split.testStart, trainCount: plan.split.trainCount),
            scaler: plan.scaler)
        return ModelEvaluation(report: scored.report, artifact: artifact, paths: scored.paths)
    }
}

/// One model scored on one plan: the report, the fitted model as an artifact, and the
/// forecast paths that were scored (`paths[i]` from origin `plan.allOrigins.lowerBound + i`,
/// scaled units).
public struct ModelEvaluation: Sendable {
    public let report: EvaluationReport
    public let artifact: FittedModelArtifact
    public let paths: [[Double]]
}

/// Keeps the state of the one fit the evaluator makes.
private final class StateRecorder: @unchecked Sendable {
    private let lock = NSLock()
    private var recorded: FittedState?

    var state: FittedState? { lock.withLock { recorded } }

    func wrap<F: Forecaster>(_ inner: F, _ state: @escaping @Sendable (F.Fitted) -> FittedState) -> Recording<F> {
        Recording(inner: inner, recorder: self, state: state)
    }

    struct Recording<F: Forecaster>: Forecaster {
        let inner: F
        let recorder: StateRecorder
        let state: @Sendable (F.Fitted) -> FittedState

        var name: String { inner.name }

        func fit(_ data: FitData) throws -> F.Fitted {
            let fitted = try inner.fit(data)
            let value = state(fitted)
            recorder.lock.withLock { recorder.recorded = value }
            return fitted
        }
    }
}
