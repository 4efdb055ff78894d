import Foundation
import Series

extension ModelSpec {
    /// Scores this model on `plan` through the protocol's evaluator. `hooks` reach the
    /// models that train (the LSTM); the others ignore them. The LSTM's horizons are the
    /// plan's; seasons in seconds become steps of the plan's grid; a logistic capacity is
    /// moved into the plan's scaled units (`CatalogModel.forecaster`).
    public func evaluate<C: Clock>(
        on plan: EvaluationPlan, with evaluator: Evaluator<C>, hooks: TrainingHooks = .silent
    ) throws -> EvaluationReport {
        try evaluateDetailed(on: plan, with: evaluator, hooks: hooks).report
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
    /// The state is recorded from the evaluator's one fit (no refit). With `validation`,
    /// the report also carries the validation scores (`EvaluationReport.validation`): from
    /// that fit when the family's `validationFit` is `.protocolFit`, else from a refit on
    /// the train part only (`ValidationFit.refitData(on:)`, silent hooks), scored by
    /// `FittedModelArtifact.score(on:part: .validation)`.
    public func evaluateDetailed<C: Clock>(
        on plan: EvaluationPlan, with evaluator: Evaluator<C>, hooks: TrainingHooks = .silent, validation: Bool = false
    ) throws -> ModelEvaluation {
        let outcome = try evaluateOnTest(on: plan, with: evaluator, hooks: hooks)
        guard validation else { return outcome }
        let scorer = validationFit == .protocolFit ? outcome.artifact : try validationRefit(on: plan)
        var report = outcome.report
        report.validation = try scorer.score(on: plan, part: .validation, clock: evaluator.clock, coverageLevels: []).horizons
        return ModelEvaluation(report: report, artifact: outcome.artifact, paths: outcome.paths)
    }

    /// The evaluator's run with its fit recorded as an artifact.
    private func evaluateOnTest<C: Clock>(
        on plan: EvaluationPlan, with evaluator: Evaluator<C>, hooks: TrainingHooks
    ) throws -> ModelEvaluation {
        let context = Self.protocolContext(plan)
        func run<S: ModelSettings>(_ settings: S) throws -> ModelEvaluation {
            let recorder = StateRecorder<S.Model>(inner: try S.Model.forecaster(settings, context: context, hooks: hooks))
            let scored = try evaluator.evaluateWithForecasts(recorder, plan: plan)
            guard let state = recorder.state else {
                throw ArtifactError.invalid(kind: name, formatVersion: FittedModelArtifact.formatVersion, reason: "the evaluator returned without fitting the model")
            }
            let fitted = plan.grid.series
            let artifact = FittedModelArtifact(
                spec: ModelSpec(S.Model.resolved(settings, context: context)), state: FittedState(state),
                data: FittedData(intervalSeconds: fitted.interval, start: fitted.start, count: plan.split.testStart, trainCount: plan.split.trainCount),
                scaler: plan.scaler)
            return ModelEvaluation(report: scored.report, artifact: artifact, paths: scored.paths)
        }
        return try run(settings)
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

/// A forecaster that keeps the state of the one fit the evaluator makes.
private final class StateRecorder<Model: CatalogModel>: Forecaster, @unchecked Sendable {
    let inner: Model.Forecaster
    private let lock = NSLock()
    private var recorded: Model.State?

    init(inner: Model.Forecaster) {
        self.inner = inner
    }

    var state: Model.State? { lock.withLock { recorded } }

    var name: String { inner.name }

    func fit(_ data: FitData) throws -> Model.Forecaster.Fitted {
        let fitted = try inner.fit(data)
        let state = Model.state(of: fitted)
        lock.withLock { recorded = state }
        return fitted
    }
}
