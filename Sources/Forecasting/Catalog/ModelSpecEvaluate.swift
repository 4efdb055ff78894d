import Series

extension ModelSpec {
    /// Scores this model on `plan` through the protocol's evaluator. `hooks` reach the
    /// models that train (the LSTM); the others ignore them. The LSTM's horizons are the
    /// plan's; seasons in seconds become steps of the plan's grid; a logistic capacity is
    /// moved into the plan's scaled units.
    public func evaluate<C: Clock>(
        on plan: EvaluationPlan, with evaluator: Evaluator<C>, hooks: TrainingHooks = .silent
    ) throws -> EvaluationReport {
        switch self {
        case .naive:
            return try evaluator.evaluate(Naive(), plan: plan)
        case .seasonalNaive(let settings):
            return try evaluator.evaluate(settings.model, plan: plan)
        case .arima(let settings):
            return try evaluator.evaluate(settings.model, plan: plan)
        case .autoARIMA(let settings):
            return try evaluator.evaluate(try settings.model(interval: plan.scaled.interval, name: name), plan: plan)
        case .prophet(let settings):
            var model = settings.model
            model.growth = try Self.scaled(settings.growth, by: plan)
            return try evaluator.evaluate(model, plan: plan)
        case .lstm(var configuration):
            configuration.horizonMinutes = plan.horizons.map { Double($0.minutes) }
            return try evaluator.evaluate(LSTMForecaster(configuration: configuration, hooks: hooks), plan: plan)
        }
    }
}
