/// Errors of the LSTM family, each saying what to change.
public enum LSTMError: Error, Equatable, CustomStringConvertible {
    case parameterCountMismatch(expected: Int, got: Int)
    case tooFewWindows(split: String, needed: Int, got: Int, window: Int, longestHorizon: Int)
    case unsupportedArtifactVersion(found: Int, supported: Int)
    case artifactMismatch(field: String, expected: String, got: String)
    case nonFiniteLoss(epoch: Int)
    case notWholeSteps(what: String, minutes: Double, intervalSeconds: Double)
    case unknownFeature(name: String, known: [String])
    case horizonWeightCount(expected: Int, got: Int)
    case checkpointNotWritable(path: String, reason: String)
    case mixedIntervals(first: Double, series: Int, got: Double)
    case invalidIntervalLevels([Double])

    public var description: String {
        switch self {
        case .parameterCountMismatch(let expected, let got):
            return "lstm: the architecture needs \(expected) parameters but \(got) were given; load weights saved with the same architecture"
        case .tooFewWindows(let split, let needed, let got, let window, let longest):
            return "lstm: the \(split) part yields \(got) windows, at least \(needed) needed (window \(window) steps, longest horizon \(longest) steps); use a longer series or a shorter window"
        case .unsupportedArtifactVersion(let found, let supported):
            return "lstm: artifact format version \(found) is newer than this build supports (\(supported)); upgrade autoscale to load it"
        case .artifactMismatch(let field, let expected, let got):
            return "lstm: artifact field \(field) is \(got) but \(expected) was expected; the artifact is damaged or from another model"
        case .nonFiniteLoss(let epoch):
            return "lstm: the training loss became non-finite in epoch \(epoch); lower the learning rate or enable gradient clipping"
        case .notWholeSteps(let what, let minutes, let interval):
            return "lstm: the \(what) of \(minutes) minutes is not a whole number (≥ 1) of \(interval) s steps; choose a multiple of the interval"
        case .unknownFeature(let name, let known):
            return "lstm: unknown feature \"\(name)\"; choose one of \(known.joined(separator: ", "))"
        case .horizonWeightCount(let expected, let got):
            return "lstm: \(got) horizon weights given for \(expected) horizons; give one weight per horizon"
        case .checkpointNotWritable(let path, let reason):
            return "lstm: cannot write the checkpoint \(path): \(reason); choose a path in an existing, writable folder"
        case .mixedIntervals(let first, let series, let got):
            return "lstm: global training needs one grid, but series \(series) is on a \(got) s grid and the first on \(first) s; resample the series to one interval"
        case .invalidIntervalLevels(let levels):
            return "lstm: intervalLevels \(levels) are not distinct coverages in (0, 1); give e.g. [0.8, 0.95]"
        }
    }
}
