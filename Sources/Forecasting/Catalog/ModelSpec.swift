import Series

/// A model chosen by name at the edge (CLI, YAML) with its hyperparameters, decoded once
/// into this enum so nothing deeper passes model names around as strings.
public enum ModelSpec: Sendable {
    case naive
    case seasonalNaive(periodSeconds: Double)
    case arima(ARIMA)
    /// Hyndman–Khandakar order search; `seasonalPeriodSeconds` (e.g. one day) is turned
    /// into steps of the plan's grid, nil searches non-seasonal orders only.
    case autoARIMA(AutoARIMA, seasonalPeriodSeconds: Double?)
    /// The Prophet-style additive model, with or without the recent-past residual model.
    case prophet(ProphetStyle)
    /// The LSTM (configuration and training hooks); its horizons are taken from the
    /// evaluation plan.
    case lstm(LSTMForecaster)

    /// The names accepted on the command line, in the order they are listed in help.
    public static let names = ["naive", "snaive", "arima", "autoarima", "autoarima-daily", "prophet", "prophet-ar", "lstm"]

    /// The spec for `name` with default hyperparameters.
    public init(name: String) throws(ModelSpecError) {
        switch name {
        case "naive": self = .naive
        case "snaive": self = .seasonalNaive(periodSeconds: 86_400)
        case "arima": self = .arima(ARIMA())
        case "autoarima": self = .autoARIMA(AutoARIMA(), seasonalPeriodSeconds: nil)
        case "autoarima-daily": self = .autoARIMA(AutoARIMA(), seasonalPeriodSeconds: 86_400)
        case "prophet": self = .prophet(ProphetStyle(recentPast: .none))
        case "prophet-ar": self = .prophet(ProphetStyle(recentPast: .autoARIMA))
        case "lstm": self = .lstm(LSTMForecaster())
        default: throw .unknownModel(name, known: Self.names)
        }
    }

    public var name: String {
        switch self {
        case .naive: "naive"
        case .seasonalNaive: "snaive"
        case .arima: "arima"
        case .autoARIMA(_, let period): period == nil ? "autoarima" : "autoarima-daily"
        case .prophet(let model): model.name
        case .lstm: "lstm"
        }
    }

    /// Scores this model on `plan` through the protocol's evaluator.
    public func evaluate<C: Clock>(on plan: EvaluationPlan, with evaluator: Evaluator<C>) throws -> EvaluationReport {
        switch self {
        case .naive: return try evaluator.evaluate(Naive(), plan: plan)
        case .seasonalNaive(let period): return try evaluator.evaluate(SeasonalNaive(periodSeconds: period), plan: plan)
        case .arima(let model): return try evaluator.evaluate(model, plan: plan)
        case .autoARIMA(var model, let periodSeconds):
            if let periodSeconds { model.period = try Self.steps(periodSeconds, interval: plan.scaled.interval, model: name) }
            return try evaluator.evaluate(model, plan: plan)
        case .prophet(let model): return try evaluator.evaluate(model, plan: plan)
        case .lstm(var forecaster):
            forecaster.configuration.horizonMinutes = plan.horizons.map { Double($0.minutes) }
            return try evaluator.evaluate(forecaster, plan: plan)
        }
    }
}

extension ModelSpec {
    /// A season of `seconds` in whole grid steps.
    static func steps(_ seconds: Double, interval: Double, model: String) throws(ForecastingError) -> Int {
        let exact = seconds / interval
        let steps = Int(exact.rounded())
        guard steps >= 1, abs(exact - Double(steps)) < 1e-9 * exact else {
            throw .seasonNotMultipleOfInterval(model: model, periodSeconds: seconds, intervalSeconds: interval)
        }
        return steps
    }
}

public enum ModelSpecError: Error, Equatable, CustomStringConvertible {
    case unknownModel(String, known: [String])

    public var description: String {
        switch self {
        case .unknownModel(let name, let known):
            let suggestion = closestMatch(to: name, in: known).map { " Did you mean \"\($0)\"?" } ?? ""
            return "unknown model \"\(name)\"; choose one of \(known.joined(separator: ", ")).\(suggestion)"
        }
    }
}
