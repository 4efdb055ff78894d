import Series

/// Which fitted model scores the validation part of a plan (EVALUATION.md, "Validation
/// scores (for selection)"). Validation origins are t ∈ [n_train, n_train + n_val − h);
/// the model scored there must not have fitted its parameters on validation targets.
///
/// - `protocolFit`: the protocol's own fit (on s_0 … s_{n_train+n_val−1}, boundary n_train)
///   serves. Right for families that fit nothing (naive, snaive), and for the LSTM, whose
///   weights are fitted on train samples only and which uses validation the usual way, for
///   early stopping and the output shrinkage factor; that use makes its validation scores
///   slightly favourable to it.
/// - `refitOnTrain`: the family is fitted again on the train part only,
///   `FitData(series: s_0 … s_{n_train−1}, trainCount: ⌊n_train · 0.70/0.85⌋)`
///   (`refitData(on:)`), so families that use an inner boundary (prophet-ar chooses β on the
///   points after it) still get one, in the protocol's train : validation proportion.
public enum ValidationFit: String, Sendable, Equatable, CaseIterable {
    case protocolFit
    case refitOnTrain

    /// The inner boundary of the train-only refit: ⌊n_train · 0.70/0.85⌋, computed exactly
    /// as ⌊14 · n_train / 17⌋ (0.70/0.85 = 14/17) so no rounding of 0.70/0.85 moves it.
    public static func refitTrainCount(trainCount: Int) -> Int {
        trainCount * 14 / 17
    }

    /// What the train-only refit sees on `plan`: the scaled train part
    /// s_0 … s_{n_train−1} with its first ⌊14 · n_train / 17⌋ points as train.
    public static func refitData(on plan: EvaluationPlan) -> FitData {
        let count = plan.split.trainCount
        return FitData(series: plan.scaled.prefix(count), trainCount: refitTrainCount(trainCount: count))
    }

    /// The grid points (`count`) and train points (`trainCount`) the model scoring `part`
    /// of `plan` was fitted on: the protocol fit's extent (n_train + n_val, n_train) for the
    /// test part and for `protocolFit`; (n_train, ⌊14 · n_train / 17⌋) for a validation
    /// score of `refitOnTrain`.
    public func fittedExtent(for part: ScoredPart, on plan: EvaluationPlan) -> (count: Int, trainCount: Int) {
        switch (part, self) {
        case (.test, _), (.validation, .protocolFit):
            return (plan.split.testStart, plan.split.trainCount)
        case (.validation, .refitOnTrain):
            return (plan.split.trainCount, Self.refitTrainCount(trainCount: plan.split.trainCount))
        }
    }
}

extension CatalogModel {
    public static var validationFit: ValidationFit { .refitOnTrain }
}

extension ModelSpec {
    /// The validation fit of this spec's family (`CatalogModel.validationFit`).
    public var validationFit: ValidationFit {
        func fit<S: ModelSettings>(_ settings: S) -> ValidationFit { S.Model.validationFit }
        return fit(settings)
    }
}
