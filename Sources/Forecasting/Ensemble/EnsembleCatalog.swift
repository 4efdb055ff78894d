/// Catalog entry of `ensemble`: members fitted through the catalog and combined per step
/// (`Ensemble`); the state is `EnsembleState` (members' states, weights, residuals).
/// Its validation scores come from the catalog's train-only refit (`.refitOnTrain`, the
/// default), inside which the members' weights are fitted on the inner boundary again.
public enum EnsembleModel: CatalogModel {
    public static func forecaster(_ settings: EnsembleSettings, context: FitContext, hooks: TrainingHooks) throws -> Ensemble {
        try Ensemble(settings: settings, context: context, hooks: hooks)
    }

    public static func state(of fitted: FittedEnsemble) -> EnsembleState { fitted.state }

    /// Each member's settings as its own catalog model resolves them (the LSTM's horizons).
    public static func resolved(_ settings: EnsembleSettings, context: FitContext) -> EnsembleSettings {
        var resolved = settings
        resolved.members = settings.members.map { $0.resolved(context: context) }
        return resolved
    }
}

extension EnsembleSettings: ModelSettings {
    public typealias Model = EnsembleModel
    public var kind: ModelKind { .ensemble }
}

extension ModelSpec {
    /// This spec as its catalog model resolves it in `context` (`CatalogModel.resolved`).
    func resolved(context: FitContext) -> ModelSpec {
        func run<S: ModelSettings>(_ settings: S) -> ModelSpec { ModelSpec(S.Model.resolved(settings, context: context)) }
        return run(settings)
    }
}
