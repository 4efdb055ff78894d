/// The validation part's origins (EVALUATION.md, "Validation scores (for selection)"):
/// the same one-origin-per-step scheme as the test part, with targets inside validation.
extension EvaluationPlan {
    /// Origins t with n_train ≤ t and t + h ≤ n_train + n_val − 1, i.e.
    /// t ∈ [n_train, n_train + n_val − h): n_val − h of them (none when n_val ≤ h).
    /// Origin t forecasts s_{t+1} … s_{t+h} from s_0 … s_t.
    public func validationOrigins(steps h: Int) -> Range<Int> {
        split.trainCount..<max(split.trainCount, split.testStart - h)
    }

    /// Validation origins covering every horizon: those of the shortest horizon.
    public var allValidationOrigins: Range<Int> { validationOrigins(steps: horizons.map(\.steps).min() ?? 1) }
}
