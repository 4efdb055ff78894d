import Series

/// Why a model spec could not be built from what the edge gave.
public enum ModelSpecError: Error, Equatable, CustomStringConvertible {
    case unknownModel(String, known: [String])
    case growthNeedsProphet(model: String)
    case unknownGrowth(String)
    case capacityNeedsLogisticGrowth(Double)
    case logisticGrowthNeedsCapacity
    /// `minimum` nil: the capacity is not a finite number.
    case capacityNotAboveTrainingMinimum(capacity: Double, minimum: Double?)
    /// Decoded settings that belong to another kind (e.g. `kind: prophet` with a recent-past model).
    case settingsDoNotMatchKind(kind: String, settingsKind: String)
    /// Global training (one model across many series) asked of a family that fits one series.
    case globalTrainingNotOffered(model: String, offeredBy: [String])
    /// Global training needs at least one series, all on one grid with the same horizons.
    case globalTrainingNeedsOneGrid(reason: String)

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
        case .settingsDoNotMatchKind(let kind, let settingsKind):
            return "the settings given for model \"\(kind)\" describe model \"\(settingsKind)\"; write kind \(settingsKind) or change the settings"
        case .globalTrainingNotOffered(let model, let offeredBy):
            return "\(model) is fitted per series and has no global training; use --global with one of \(offeredBy.joined(separator: ", ")), or drop --global"
        case .globalTrainingNeedsOneGrid(let reason):
            return "global training fits one model across series on one grid: \(reason)"
        case .unknownModel(let name, let known):
            let suggestion = closestMatch(to: name, in: known).map { " Did you mean \"\($0)\"?" } ?? ""
            return "unknown model \"\(name)\"; choose one of \(known.joined(separator: ", ")).\(suggestion)"
        }
    }
}
