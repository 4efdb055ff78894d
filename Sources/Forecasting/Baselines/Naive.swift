import Series

/// The last value: ŝ_{t+h} = s_t for every h.
public struct Naive: Forecaster {
    public init() {}
    public var name: String { "naive" }

    public func fit(_ data: FitData) throws(ForecastingError) -> FittedNaive {
        try FittedNaive(history: data.series)
    }
}

public struct FittedNaive: FittedForecaster, Codable, Equatable {
    public let last: Double

    init(history: RegularSeries) throws(ForecastingError) {
        guard let last = history.values.last else { throw .emptyHistory(model: "naive") }
        self.last = last
    }

    public func predict(steps: Int) throws -> [Double] {
        [Double](repeating: last, count: steps)
    }

    public func apply(to history: RegularSeries) throws -> FittedNaive {
        try FittedNaive(history: history)
    }

    public func rollingForecasts(over series: RegularSeries, origins: Range<Int>, steps: Int) throws -> [[Double]] {
        origins.map { [Double](repeating: series.values[$0], count: steps) }
    }
}
