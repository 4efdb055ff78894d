import ArgumentParser
import Forecasting

/// Flags for the Prophet-style models (prophet, prophet-ar); an error on other models.
struct ProphetOptions: ParsableArguments {
    @Option(help: "Trend of the Prophet-style models: linear (default) or logistic (saturating at --capacity).")
    var growth: String?

    @Option(help: "Capacity of logistic growth in the series' units (e.g. 100 for CPU %); needs --growth logistic.")
    var capacity: Double?

    /// `spec` with the growth and capacity applied (checked by `ModelSpec.withProphetGrowth`).
    func apply(to spec: ModelSpec) throws -> ModelSpec {
        try spec.withProphetGrowth(growth, capacity: capacity)
    }
}
