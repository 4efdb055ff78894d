import Series

/// Why a fitted model cannot score a part of a plan: it was not fitted on the data the
/// protocol requires for that part. Each case names the artifact's value and the plan's.
public enum ScoringError: Error, Equatable, CustomStringConvertible {
    /// `field` is "count" (grid points fitted on) or "train_count" (train points among them).
    case extentMismatch(kind: String, part: ScoredPart, field: String, artifact: Int?, plan: Int)
    /// `field` is "interval_seconds" or "start".
    case gridMismatch(kind: String, field: String, artifact: Double?, plan: Double)
    case scalerMismatch(kind: String, artifact: MinMaxScaler?, plan: MinMaxScaler)
    /// The plan has no preprocessing; an artifact that preprocesses sees other values.
    case preprocessingNotInPlan(kind: String)

    public var description: String {
        switch self {
        case .extentMismatch(let kind, let part, let field, let artifact, let plan):
            let found = artifact.map(String.init) ?? "nothing"
            return "the \(kind) model records \(field) = \(found) but scoring the \(part.rawValue) part of this plan needs a model fitted with \(field) = \(plan); fit it on this plan (ModelSpec.fitForProtocol)"
        case .gridMismatch(let kind, let field, let artifact, let plan):
            let found = artifact.map { "\($0)" } ?? "nothing"
            return "the \(kind) model records \(field) = \(found) but the plan's grid has \(field) = \(plan); score it on the series it was fitted on"
        case .scalerMismatch(let kind, let artifact, let plan):
            let found = artifact.map { "offset \($0.offset), divisor \($0.divisor)" } ?? "no scaler"
            return "the \(kind) model was fitted with \(found) but the plan scales with offset \(plan.offset), divisor \(plan.divisor) (min-max on its train part); fit it on this plan"
        case .preprocessingNotInPlan(let kind):
            return "the \(kind) model preprocesses its input, which the evaluation plan does not; score a model fitted on the plan's values"
        }
    }
}
