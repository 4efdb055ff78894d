import Series

extension FittedModelArtifact {
    /// Scores `part` of `plan` with this fitted model, as the `Evaluator` scores the test
    /// part (EVALUATION.md §5–§6), without refitting:
    ///
    /// 1. the fitted state is conditioned on the plan's scaled series s_0 … s_{N−1}
    ///    (`FittedModelState.model(conditionedOn:)`);
    /// 2. one call `rollingForecasts(over: s, origins: O, steps: h_max)`, O the part's
    ///    origins of the shortest horizon (`ScoredPart.allOrigins(on:)`); origin t reads
    ///    s_0 … s_t only;
    /// 3. horizon h scores element h − 1 of the first |O_h| paths against s_{t+h}
    ///    (`EvaluationPlan.score(_:forecasts:origins:)`: MAE, RMSE, MASE, R² scaled, SMAPE in
    ///    original units, q of the train part). A path of the wrong shape or a non-finite
    ///    forecast throws `EvaluatorError`;
    /// 4. for a model that gives intervals, their coverage at `coverageLevels` on the same
    ///    origins and targets (`IntervalCoverage`), outside the timed forecasts.
    ///
    /// The artifact must have been fitted on this plan for this part: no preprocessing, the
    /// plan's grid step and start, the plan's scaler (min-max on train), and the extent
    /// `kind`'s `ValidationFit.fittedExtent(for:on:)` requires (n_train + n_val points with
    /// n_train as train for the test part; for validation the same, or n_train points with
    /// ⌊14 · n_train / 17⌋ as train for families refitted on train). Otherwise
    /// `ScoringError` names the artifact's value and the plan's.
    public func score(on plan: EvaluationPlan, part: ScoredPart) throws -> PartScores {
        try score(on: plan, part: part, clock: ContinuousClock())
    }

    /// `score(on:part:)` with `forecastSeconds` measured on `clock`.
    public func score<C: Clock>(
        on plan: EvaluationPlan, part: ScoredPart, clock: C, coverageLevels: [Double] = IntervalCoverage.defaultLevels
    ) throws -> PartScores where C.Duration == Duration {
        try checkFitted(for: plan, part: part)
        let maxSteps = plan.horizons.map(\.steps).max() ?? 1
        let origins = part.allOrigins(on: plan)
        let model = try state.model(conditionedOn: plan.scaled)
        let (paths, forecastSeconds) = try timed(on: clock) {
            try model.rollingForecasts(over: plan.scaled, origins: origins, steps: maxSteps)
        }
        guard paths.count == origins.count, paths.allSatisfy({ $0.count == maxSteps }) else {
            throw EvaluatorError.malformedForecasts(model: kind.name, expectedOrigins: origins.count, expectedSteps: maxSteps)
        }
        var scores: [String: HorizonScore] = [:]
        for horizon in plan.horizons {
            let horizonOrigins = part.origins(on: plan, steps: horizon.steps)
            let forecasts = paths.prefix(horizonOrigins.count).map { $0[horizon.steps - 1] }
            if let bad = forecasts.firstIndex(where: { !$0.isFinite }) {
                throw EvaluatorError.nonFiniteForecast(model: kind.name, origin: origins.lowerBound + bad, steps: horizon.steps)
            }
            scores[String(horizon.minutes)] = plan.score(horizon, forecasts: forecasts, origins: horizonOrigins)
        }
        let coverage = try IntervalCoverage.coverage(of: model, on: plan, part: part, levels: coverageLevels)
        return PartScores(horizons: scores, paths: paths, forecastSeconds: forecastSeconds, coverage: coverage)
    }

    /// Throws `ScoringError` unless this artifact was fitted on `plan` as `part` requires.
    public func checkFitted(for plan: EvaluationPlan, part: ScoredPart) throws(ScoringError) {
        guard preprocessing == nil else { throw .preprocessingNotInPlan(kind: kind.name) }
        let grid = plan.grid.series
        guard data.intervalSeconds == grid.interval else {
            throw .gridMismatch(kind: kind.name, field: "interval_seconds", artifact: data.intervalSeconds, plan: grid.interval)
        }
        guard data.start == grid.start else {
            throw .gridMismatch(kind: kind.name, field: "start", artifact: data.start, plan: grid.start)
        }
        guard scaler == plan.scaler else { throw .scalerMismatch(kind: kind.name, artifact: scaler, plan: plan.scaler) }
        let extent = spec.validationFit.fittedExtent(for: part, on: plan)
        guard data.count == extent.count else {
            throw .extentMismatch(kind: kind.name, part: part, field: "count", artifact: data.count, plan: extent.count)
        }
        guard data.trainCount == extent.trainCount else {
            throw .extentMismatch(kind: kind.name, part: part, field: "train_count", artifact: data.trainCount, plan: extent.trainCount)
        }
    }
}
