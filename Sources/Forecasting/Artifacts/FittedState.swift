import Series

/// What a fit leaves behind: the family's `FittedModelState` (`FittedNaive`,
/// `FittedSeasonalNaive`, `FittedARIMA`, `FittedProphetStyle`, `LSTMArtifact`), the values
/// an artifact stores and a loaded artifact forecasts from, in the model's (scaled) units.
public struct FittedState: Sendable, Equatable {
    public let value: any FittedModelState

    public init(_ value: some FittedModelState) {
        self.value = value
    }

    /// The family name ("naive", "snaive", "arima", "prophet-style", "lstm").
    public var family: String { type(of: value).family }

    /// The fitted model conditioned on `history` (`FittedModelState.model(conditionedOn:)`).
    public func model(conditionedOn history: RegularSeries) throws -> any FittedForecaster {
        try value.model(conditionedOn: history)
    }

    /// The forecast continuing the fitted history (`FittedModelState.forecastPath`).
    public func forecastPath(history: RegularSeries, steps: Int, levels: [Double]) throws -> ForecastPath {
        try value.forecastPath(history: history, steps: steps, levels: levels)
    }

    public static func == (a: FittedState, b: FittedState) -> Bool {
        func equal<T: FittedModelState>(_ x: T) -> Bool { (b.value as? T) == x }
        return equal(a.value)
    }
}
