/// What a prediction asks for, with the defaults in one place.
public struct PredictionSpec: Sendable, Equatable {
    /// Minutes ahead: 5, 15 and 30 (the project's horizons).
    public static let defaultHorizons: [Double] = [5, 15, 30]
    /// Interval coverages asked of models that give intervals.
    public static let defaultLevels: [Double] = [0.8, 0.95]

    public var horizons: [Double]
    public var alias: String
    public var modelPrefix: String

    public init(horizons: [Double] = PredictionSpec.defaultHorizons, alias: String = ModelReference.defaultAlias,
                modelPrefix: String = ModelReference.defaultPrefix) {
        self.horizons = horizons
        self.alias = alias
        self.modelPrefix = modelPrefix
    }
}
