import Series

/// What `fit` sees: the (scaled) series from index 0 up to the end of validation. The
/// test part never reaches a model's `fit`; `trainCount` tells where validation starts,
/// for models that early-stop or select on it (EVALUATION.md §5).
public struct FitData: Sendable {
    public var series: RegularSeries
    public var trainCount: Int

    public init(series: RegularSeries, trainCount: Int) {
        precondition(trainCount >= 0 && trainCount <= series.count, "trainCount \(trainCount) outside 0…\(series.count)")
        self.series = series
        self.trainCount = trainCount
    }

    public var validationCount: Int { series.count - trainCount }
    public var train: RegularSeries { series.prefix(trainCount) }
}

/// A model configuration: hyperparameters at init, `fit` returns a fitted value
/// (docs/ARCHITECTURE.md, conventions). There is no "is it fitted?" state anywhere.
public protocol Forecaster: Sendable {
    associatedtype Fitted: FittedForecaster
    /// Short family name used on the command line and in reports ("naive", "arima", …).
    var name: String { get }
    func fit(_ data: FitData) throws -> Fitted
}

/// A fitted model conditioned on a history s_0 … s_{n−1}.
public protocol FittedForecaster: Sendable {
    /// The forecast path ŝ_n … ŝ_{n+steps−1} continuing the conditioning history.
    func predict(steps: Int) throws -> [Double]

    /// The same fitted parameters conditioned on another history (statsforecast's
    /// `forward`): state-filtering models re-filter, others just remember the values.
    func apply(to history: RegularSeries) throws -> Self

    /// For each origin t in `origins`, the forecast path of s_{t+1} … s_{t+steps} that
    /// uses s_0 … s_t only. `series` may extend past the last origin; a model must not
    /// read beyond t for origin t. Models override the default (apply to each prefix,
    /// O(n) per origin) when they can carry state forward from origin to origin.
    func rollingForecasts(over series: RegularSeries, origins: Range<Int>, steps: Int) throws -> [[Double]]

    /// What was fitted (orders, coefficients, chosen variants), for reports and JSON.
    var parameters: [String: ParameterValue] { get }
}

extension FittedForecaster {
    public func rollingForecasts(over series: RegularSeries, origins: Range<Int>, steps: Int) throws -> [[Double]] {
        try origins.map { t in
            try apply(to: series.prefix(t + 1)).predict(steps: steps)
        }
    }

    public var parameters: [String: ParameterValue] { [:] }
}

/// A JSON-friendly value describing a fitted parameter.
public enum ParameterValue: Sendable, Equatable, Encodable {
    case integer(Int)
    case number(Double)
    case text(String)
    case numbers([Double])
    case integers([Int])

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .integer(let v): try container.encode(v)
        case .number(let v): if v.isFinite { try container.encode(v) } else { try container.encodeNil() }
        case .text(let v): try container.encode(v)
        case .numbers(let v): try container.encode(v.map { $0.isFinite ? Optional($0) : nil })
        case .integers(let v): try container.encode(v)
        }
    }
}
