import Series

/// The fits the protocol needs for one model on one plan, apart from any scoring, so a
/// pipeline can fit once, store the artifacts and score them later
/// (`FittedModelArtifact.score(on:part:)`):
///
/// - `model`: fitted on s_0 … s_{n_train+n_val−1} with boundary n_train, exactly as the
///   `Evaluator` fits (EVALUATION.md §5); it scores the test part;
/// - `validationModel`: for families whose `ValidationFit` is `.refitOnTrain`, the refit on
///   s_0 … s_{n_train−1} with boundary ⌊14 · n_train / 17⌋ that scores the validation part;
///   nil when `model` serves for validation (`.protocolFit`: naive, snaive, lstm).
public struct ProtocolFit: Sendable {
    public let model: FittedModelArtifact
    public let validationModel: FittedModelArtifact?
    /// Wall time of `model`'s fit (the report's `fit_seconds`).
    public let fitSeconds: Double
    /// Wall time of the train-only refit; nil without one.
    public let validationFitSeconds: Double?

    public init(model: FittedModelArtifact, validationModel: FittedModelArtifact?, fitSeconds: Double, validationFitSeconds: Double? = nil) {
        self.model = model
        self.validationModel = validationModel
        self.fitSeconds = fitSeconds
        self.validationFitSeconds = validationFitSeconds
    }

    /// The model that scores the validation part: `validationModel`, else `model`.
    public var validationScorer: FittedModelArtifact { validationModel ?? model }

    /// An `EvaluationReport` of both parts on `plan` (which must be the plan fitted on):
    /// `horizons`, `forecast_seconds` and `parameters` from `model` on the test part
    /// (parameters of the state conditioned on s_0 … s_{n_train+n_val−1}, the history the
    /// fit saw), `validation` from `validationScorer`. `name` is the report's `model` field
    /// (the `Evaluator` writes the forecaster's name, e.g. "autoarima" for autoarima-daily).
    public func report(on plan: EvaluationPlan, name: String) throws -> EvaluationReport {
        let test = try model.score(on: plan, part: .test)
        let validation = try validationScorer.score(on: plan, part: .validation)
        let parameters = try model.state.model(conditionedOn: plan.scaled.prefix(plan.split.testStart)).parameters
        var report = EvaluationReport(
            plan: plan, model: name, fitSeconds: fitSeconds, forecastSeconds: test.forecastSeconds,
            horizons: test.horizons, parameters: parameters
        )
        report.validation = validation.horizons
        report.coverage = test.coverage
        return report
    }
}

extension ModelSpec {
    /// Fits this model for the protocol on `plan` (`ProtocolFit`): the `Evaluator`'s fit,
    /// and the train-only refit when the family's `validationFit` is `.refitOnTrain`. Both
    /// use the plan's grid, min-max scaler and horizons (`FitContext`), as `evaluate` does.
    /// `hooks` reach the protocol fit only; the refit runs silent, so its events and
    /// checkpoints never mix with the protocol fit's. Times are wall times on `clock`.
    public func fitForProtocol<C: Clock>(
        on plan: EvaluationPlan, clock: C, hooks: TrainingHooks = .silent
    ) throws -> ProtocolFit where C.Duration == Duration {
        let context = Self.protocolContext(plan)
        let data = FitData(series: plan.scaled.prefix(plan.split.testStart), trainCount: plan.split.trainCount)
        let (fitted, fitSeconds) = try timed(on: clock) { try fitResolved(data, context: context, hooks: hooks) }
        let model = FittedModelArtifact(
            spec: fitted.spec, state: fitted.state, data: Self.fittedData(plan, data: data), scaler: plan.scaler)
        guard validationFit == .refitOnTrain else {
            return ProtocolFit(model: model, validationModel: nil, fitSeconds: fitSeconds)
        }
        let (refit, refitSeconds) = try timed(on: clock) { try validationRefit(on: plan) }
        return ProtocolFit(model: model, validationModel: refit, fitSeconds: fitSeconds, validationFitSeconds: refitSeconds)
    }

    /// The train-only refit (`ValidationFit.refitData(on:)`) as an artifact, whatever the
    /// family's `validationFit`.
    func validationRefit(on plan: EvaluationPlan) throws -> FittedModelArtifact {
        let data = ValidationFit.refitData(on: plan)
        let fitted = try fitResolved(data, context: Self.protocolContext(plan), hooks: .silent)
        return FittedModelArtifact(spec: fitted.spec, state: fitted.state, data: Self.fittedData(plan, data: data), scaler: plan.scaler)
    }

    /// The plan's grid step, scaler and horizons, as the evaluator fits in.
    public static func protocolContext(_ plan: EvaluationPlan) -> FitContext {
        FitContext(interval: plan.scaled.interval, scaler: plan.scaler, horizonMinutes: plan.horizons.map { Double($0.minutes) })
    }

    /// The extent of `data` on the plan's grid, for the artifact.
    static func fittedData(_ plan: EvaluationPlan, data: FitData) -> FittedData {
        let grid = plan.grid.series
        return FittedData(intervalSeconds: grid.interval, start: grid.start, count: data.series.count, trainCount: data.trainCount)
    }
}
