/// Why an ensemble cannot be built, fitted or loaded.
public enum EnsembleError: Error, Equatable, CustomStringConvertible {
    /// `members` is empty.
    case noMembers
    /// Member `member` (0-based) is itself an ensemble.
    case nestedEnsemble(member: Int)
    /// The fit data leave no validation targets to fit the weights on, or too few train
    /// points for the members' train-only fit.
    case tooShortToCombine(count: Int, trainCount: Int)
    /// Member `member` (kind `kind`) failed to fit or forecast.
    case memberFailed(member: Int, kind: String, reason: String)

    public var description: String {
        switch self {
        case .noMembers:
            return "an ensemble needs at least one member; list catalog models under `members`, e.g. [gbt, nhits, arima]"
        case .nestedEnsemble(let member):
            return "ensemble member \(member) is itself an ensemble; list its members directly instead"
        case .tooShortToCombine(let count, let trainCount):
            return "the ensemble fits its weights on forecasts of the validation points by members fitted on the train part; \(count) points with \(trainCount) train leave too few of either (need at least 2 train and 1 validation point); use a longer series"
        case .memberFailed(let member, let kind, let reason):
            return "ensemble member \(member) (\(kind)) failed: \(reason)"
        }
    }
}
