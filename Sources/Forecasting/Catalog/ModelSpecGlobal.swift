import Series

extension ModelSpec {
    /// Global training through the protocol: one model of this spec trained across all
    /// `plans` at once (`CatalogModel.fitGlobal`; each plan's series scaled on its own train
    /// part, each fit seeing s_0 … s_{n_train+n_val−1} of its series only), then scored on
    /// each plan as `evaluateDetailed` scores a per-series model, with one artifact per
    /// series (the shared parameters conditioned on that series). With `validation`, the
    /// validation scores come from the same global fit for `.protocolFit` families, else
    /// from a global refit on every plan's train part (`ValidationFit.refitData`).
    ///
    /// Every plan must share the grid step and horizons (the first plan's context is used);
    /// families without global training throw `ModelSpecError.globalTrainingNotOffered`.
    public func evaluateGlobal<C: Clock>(
        on plans: [EvaluationPlan], with evaluator: Evaluator<C>, hooks: TrainingHooks = .silent, validation: Bool = false
    ) throws -> [ModelEvaluation] {
        guard let first = plans.first else { throw ModelSpecError.globalTrainingNeedsOneGrid(reason: "no series were given") }
        let context = Self.protocolContext(first)
        for (i, plan) in plans.enumerated() {
            let other = Self.protocolContext(plan)
            guard other.interval == context.interval, other.horizonMinutes == context.horizonMinutes else {
                throw ModelSpecError.globalTrainingNeedsOneGrid(
                    reason: "series \(i) has a \(other.interval) s grid and horizons \(other.horizonMinutes), the first \(context.interval) s and \(context.horizonMinutes); resample the series to one interval")
            }
        }
        func run<S: ModelSettings>(_ settings: S) throws -> [ModelEvaluation] {
            let (fitted, seconds) = try timed(on: evaluator.clock) {
                try S.Model.fitGlobal(settings, context: context, hooks: hooks, data: plans.map(Evaluator<C>.fitData))
            }
            let resolved = ModelSpec(S.Model.resolved(settings, context: context))
            var outcomes = try zip(fitted, plans).map { model, plan in
                let scored = try evaluator.score(model, name: name, plan: plan, fitSeconds: seconds / Double(plans.count))
                let artifact = FittedModelArtifact(
                    spec: resolved, state: FittedState(S.Model.state(of: model)),
                    data: Self.fittedData(plan, data: Evaluator<C>.fitData(plan)), scaler: plan.scaler)
                return ModelEvaluation(report: scored.report, artifact: artifact, paths: scored.paths)
            }
            guard validation else { return outcomes }
            let scorers: [FittedModelArtifact]
            if S.Model.validationFit == .protocolFit {
                scorers = outcomes.map(\.artifact)
            } else {
                let data = plans.map(ValidationFit.refitData(on:))
                let refits = try S.Model.fitGlobal(settings, context: context, hooks: .silent, data: data)
                scorers = zip(zip(refits, plans), data).map { pair, fitData in
                    FittedModelArtifact(spec: resolved, state: FittedState(S.Model.state(of: pair.0)),
                                        data: Self.fittedData(pair.1, data: fitData), scaler: pair.1.scaler)
                }
            }
            for i in outcomes.indices {
                var report = outcomes[i].report
                report.validation = try scorers[i].score(on: plans[i], part: .validation, clock: evaluator.clock).horizons
                outcomes[i] = ModelEvaluation(report: report, artifact: outcomes[i].artifact, paths: outcomes[i].paths)
            }
            return outcomes
        }
        return try run(settings)
    }
}
