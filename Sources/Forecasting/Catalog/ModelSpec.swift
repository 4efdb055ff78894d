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
        case .prophet(var model):
            model.growth = try Self.scaled(model.growth, by: plan)
            return try evaluator.evaluate(model, plan: plan)
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

extension ModelSpec {
    /// This spec with prophet's trend family from the edge's `growth` ("linear" or
    /// "logistic") and `capacity` (logistic only, required there, in the series' own units,
    /// e.g. 100 for CPU %). Both nil leave the spec as it is; either one on a model other
    /// than the Prophet-style ones is an error. The logistic floor is prophet's 0 in the
    /// units the model is fitted in, which under the protocol's min-max scaling is the
    /// training part's minimum.
    public func withProphetGrowth(_ growth: String?, capacity: Double?) throws(ModelSpecError) -> ModelSpec {
        guard growth != nil || capacity != nil else { return self }
        guard case .prophet(var model) = self else { throw .growthNeedsProphet(model: name) }
        switch growth ?? "linear" {
        case "linear":
            if let capacity { throw .capacityNeedsLogisticGrowth(capacity) }
            model.growth = .linear
        case "logistic":
            guard let capacity else { throw .logisticGrowthNeedsCapacity }
            guard capacity.isFinite else { throw .capacityNotAboveTrainingMinimum(capacity: capacity, minimum: nil) }
            model.growth = .logistic(.constant(capacity))
        case let other:
            throw .unknownGrowth(other)
        }
        return .prophet(model)
    }

    /// `growth` with its capacity moved into the plan's scaled units (s = (v − min)/range),
    /// which must stay above 0, the logistic floor.
    static func scaled(_ growth: ProphetGrowth, by plan: EvaluationPlan) throws(ModelSpecError) -> ProphetGrowth {
        try scaled(growth, by: plan.scaler)
    }

    /// `growth` with its capacity in the units of `scaler`, which must stay above 0.
    static func scaled(_ growth: ProphetGrowth, by scaler: MinMaxScaler) throws(ModelSpecError) -> ProphetGrowth {
        func transform(_ values: [Double]) throws(ModelSpecError) -> [Double] {
            let scaled = scaler.transform(values)
            if let bad = scaled.firstIndex(where: { !($0 > 0) }) {
                throw .capacityNotAboveTrainingMinimum(capacity: values[bad], minimum: scaler.offset)
            }
            return scaled
        }
        switch growth {
        case .linear: return .linear
        case .logistic(.constant(let c)): return .logistic(.constant(try transform([c])[0]))
        case .logistic(.schedule(let times, let values)): return .logistic(.schedule(timestamps: times, values: try transform(values)))
        }
    }
}

public enum ModelSpecError: Error, Equatable, CustomStringConvertible {
    case unknownModel(String, known: [String])
    case growthNeedsProphet(model: String)
    case unknownGrowth(String)
    case capacityNeedsLogisticGrowth(Double)
    case logisticGrowthNeedsCapacity
    /// `minimum` nil: the capacity is not a finite number.
    case capacityNotAboveTrainingMinimum(capacity: Double, minimum: Double?)

    public var description: String {
        switch self {
        case .growthNeedsProphet(let model):
            return "growth and capacity apply to the Prophet-style models (prophet, prophet-ar), not \(model); choose --model prophet or drop --growth/--capacity"
        case .unknownGrowth(let growth):
            return "unknown growth \"\(growth)\"; choose linear or logistic"
        case .capacityNeedsLogisticGrowth(let capacity):
            return "a capacity (\(capacity)) only applies to logistic growth; add --growth logistic or drop --capacity"
        case .logisticGrowthNeedsCapacity:
            return "logistic growth needs a capacity; add --capacity C with the saturation level in the series' units (e.g. 100 for CPU %)"
        case .capacityNotAboveTrainingMinimum(let capacity, let minimum):
            guard let minimum else { return "the capacity must be a finite number, got \(capacity); give the saturation level in the series' units" }
            return "the capacity \(capacity) is not above the training part's minimum \(minimum), which is logistic growth's floor after the protocol's min-max scaling; give a capacity above \(minimum)"
        case .unknownModel(let name, let known):
            let suggestion = closestMatch(to: name, in: known).map { " Did you mean \"\($0)\"?" } ?? ""
            return "unknown model \"\(name)\"; choose one of \(known.joined(separator: ", ")).\(suggestion)"
        }
    }
}
