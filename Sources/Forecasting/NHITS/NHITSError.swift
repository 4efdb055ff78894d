/// Why an N-HiTS model cannot be fitted, used or loaded; each case names the value and
/// says what to do.
public enum NHITSError: Error, Equatable, CustomStringConvertible {
    case notWholeSteps(minutes: Double, intervalSeconds: Double)
    case invalidSetting(key: String, value: String, advice: String)
    case tooFewWindows(split: String, got: Int, inputSteps: Int, horizonSteps: Int)
    case nonFiniteLoss(step: Int)
    case stepsBeyondHorizon(asked: Int, trained: Int)
    case artifactMismatch(field: String, expected: String, got: String)
    case unsupportedStateVersion(found: Int, supported: Int)
    case mixedIntervals(first: Double, series: Int, got: Double)

    public var description: String {
        switch self {
        case .notWholeSteps(let minutes, let interval):
            return "nhits: the horizon of \(minutes) min is not a whole number ≥ 1 of \(interval) s steps; choose horizons that are multiples of the grid step"
        case .invalidSetting(let key, let value, let advice):
            return "nhits: setting \(key) = \(value) is not usable: \(advice)"
        case .tooFewWindows(let split, let got, let inputSteps, let horizonSteps):
            return "nhits: \(got) \(split) windows of \(inputSteps) input and \(horizonSteps) target steps fit in the series; use a longer series or a smaller inputSteps"
        case .nonFiniteLoss(let step):
            return "nhits: the loss became non-finite at step \(step); lower training.learningRate"
        case .stepsBeyondHorizon(let asked, let trained):
            return "nhits: asked for \(asked) steps, but the network forecasts \(trained); fit it with a horizon reaching \(asked) steps"
        case .artifactMismatch(let field, let expected, let got):
            return "nhits state: \(field) should be \(expected), got \(got); the file is damaged or was written by another version, fit the model again"
        case .unsupportedStateVersion(let found, let supported):
            return "nhits state: format version \(found) is newer than \(supported), the newest this build reads; update autoscale"
        case .mixedIntervals(let first, let series, let got):
            return "nhits: global training needs one grid, but series \(series) has a \(got) s step and series 0 a \(first) s step; resample the series to one interval"
        }
    }
}
