/// `kind: evaluate`: the evaluation protocol (docs/EVALUATION.md) on the models a train
/// stage fitted, per horizon; validation metrics are logged with a `val_` prefix beside
/// the test metrics, so that `select` can choose on validation and the test part stays an
/// honest estimate.
public struct EvaluateStage: Sendable, Equatable {
    /// Horizons in minutes (default: the per-metric configs' `prediction_horizons` default).
    public var horizons: [Int]

    public init(horizons: [Int] = DataSection.defaults.predictionHorizons) {
        self.horizons = horizons
    }

    enum Key: String, CaseIterable {
        case kind, needs, foreach, matrix
        case horizons
    }

    static func decode(_ m: ConfigMapping<Key>, diagnostics d: inout SpecDiagnostics) -> EvaluateStage? {
        d.check { () throws(ConfigError) in EvaluateStage(horizons: try checkedHorizons(m.ints(.horizons, default: EvaluateStage().horizons))) }
    }
}
