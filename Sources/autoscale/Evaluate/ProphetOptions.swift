import ArgumentParser
import Forecasting
import Pipeline

/// Flags for the Prophet-style models (prophet, prophet-ar); an error on other models.
struct ProphetOptions: ParsableArguments {
    @Option(help: "Trend of the Prophet-style models: linear (default) or logistic (saturating at --capacity).")
    var growth: String?

    @Option(help: "Capacity of logistic growth in the series' units (e.g. 100 for CPU %); needs --growth logistic.")
    var capacity: Double?

    /// The settings these flags override (checked by `ModelSpec.withProphetGrowth`).
    func overrides(_ base: ModelOverrides = ModelOverrides()) -> ModelOverrides {
        var overrides = base
        overrides.growth = growth
        overrides.capacity = capacity
        return overrides
    }
}
