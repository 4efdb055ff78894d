import Series

/// A model chosen by name at the edge (CLI, YAML) with its hyperparameters, decoded once
/// into this enum so nothing deeper passes model names around as strings.
public enum ModelSpec: Sendable {
    case naive
    case seasonalNaive(periodSeconds: Double)
    case arima(ARIMA)
    /// The LSTM; its horizons are taken from the evaluation plan.
    case lstm(LSTMConfiguration)

    /// The names accepted on the command line, in the order they are listed in help.
    public static let names = ["naive", "snaive", "arima", "lstm"]

    /// The spec for `name` with default hyperparameters.
    public init(name: String) throws(ModelSpecError) {
        switch name {
        case "naive": self = .naive
        case "snaive": self = .seasonalNaive(periodSeconds: 86_400)
        case "arima": self = .arima(ARIMA())
        case "lstm": self = .lstm(LSTMConfiguration())
        default: throw .unknownModel(name, known: Self.names)
        }
    }

    public var name: String {
        switch self {
        case .naive: "naive"
        case .seasonalNaive: "snaive"
        case .arima: "arima"
        case .lstm: "lstm"
        }
    }

    /// Scores this model on `plan` through the protocol's evaluator.
    public func evaluate<C: Clock>(on plan: EvaluationPlan, with evaluator: Evaluator<C>) throws -> EvaluationReport {
        switch self {
        case .naive: return try evaluator.evaluate(Naive(), plan: plan)
        case .seasonalNaive(let period): return try evaluator.evaluate(SeasonalNaive(periodSeconds: period), plan: plan)
        case .arima(let model): return try evaluator.evaluate(model, plan: plan)
        case .lstm(var configuration):
            configuration.horizonMinutes = plan.horizons.map { Double($0.minutes) }
            return try evaluator.evaluate(LSTMForecaster(configuration: configuration), plan: plan)
        }
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
