/// Errors of the gradient-boosted trees model, each carrying the offending value and
/// saying what to do.
public enum GBTError: Error, Equatable, CustomStringConvertible {
    /// A setting outside its range (`key` as written in specs).
    case invalidSetting(key: String, value: String, rule: String)
    /// A horizon of `minutes` is not a whole number of grid steps.
    case horizonNotWholeSteps(minutes: Double, intervalSeconds: Double)
    /// Too few origins with a target in the part (`train` or `validation`) for step `step`.
    case tooFewSamples(part: String, step: Int, needed: Int, got: Int)
    /// A forecast of `steps` was asked of boosters trained up to step `trained`.
    case stepsBeyondTrained(steps: Int, trained: Int)
    /// An XGBoost C API call failed; `message` is XGBoost's own.
    case xgboost(call: String, message: String)
    /// A stored state that does not fit together (artifact); `reason` says what.
    case invalidState(reason: String)
    case unsupportedStateVersion(found: Int, supported: Int)

    public var description: String {
        switch self {
        case .invalidSetting(let key, let value, let rule):
            return "gbt: \(key) is \(value); it must be \(rule)"
        case .horizonNotWholeSteps(let minutes, let interval):
            return "gbt: the horizon of \(minutes) minutes is not a whole number (≥ 1) of \(interval) s steps; choose a multiple of the interval"
        case .tooFewSamples(let part, let step, let needed, let got):
            return "gbt: the \(part) part has \(got) origins with a target \(step) steps ahead, at least \(needed) needed; use a longer series or fewer/shorter lags"
        case .stepsBeyondTrained(let steps, let trained):
            return "gbt: \(steps) steps asked, but the boosters reach step \(trained) only; fit again with a horizon of at least \(steps) steps"
        case .xgboost(let call, let message):
            return "gbt: XGBoost's \(call) failed: \(message)"
        case .invalidState(let reason):
            return "gbt: the stored model is inconsistent: \(reason); the artifact is damaged or was written by another build"
        case .unsupportedStateVersion(let found, let supported):
            return "gbt: state version \(found) is newer than this build supports (\(supported)); upgrade autoscale to load it"
        }
    }
}
