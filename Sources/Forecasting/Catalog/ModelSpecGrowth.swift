import Series

extension ModelSpec {
    /// This spec with prophet's trend family from the edge's `growth` ("linear" or
    /// "logistic") and `capacity` (logistic only, required there, in the series' own units,
    /// e.g. 100 for CPU %). Both nil leave the spec as it is; either one on a model other
    /// than the Prophet-style ones is an error. The logistic floor is prophet's 0 in the
    /// units the model is fitted in, which under the protocol's min-max scaling is the
    /// training part's minimum.
    public func withProphetGrowth(_ growth: String?, capacity: Double?) throws(ModelSpecError) -> ModelSpec {
        guard growth != nil || capacity != nil else { return self }
        guard var settings = settings as? ProphetSettings else { throw .growthNeedsProphet(model: name) }
        switch growth ?? "linear" {
        case "linear":
            if let capacity { throw .capacityNeedsLogisticGrowth(capacity) }
            settings.growth = .linear
        case "logistic":
            guard let capacity else { throw .logisticGrowthNeedsCapacity }
            guard capacity.isFinite else { throw .capacityNotAboveTrainingMinimum(capacity: capacity, minimum: nil) }
            settings.growth = .logistic(.constant(capacity))
        case let other:
            throw .unknownGrowth(other)
        }
        return ModelSpec(settings)
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
