/// What can go wrong when fitting or using an ARIMA-family model; each case carries the
/// offending value and reads as an instruction.
public enum ARIMAError: Error, Equatable, CustomStringConvertible {
    case invalidOrder(String)
    case invalidSeasonalPeriod(Int)
    case constantWithDoubleDifferencing(String)
    case nonFiniteValue(index: Int, value: Double)
    case tooShort(count: Int, needed: Int, model: String)
    case nonPositiveSteps(Int)
    case invalidCoverage(Double)
    case optimizationFailed(model: String, reason: String)
    case unsupportedArtifactVersion(found: Int, supported: Int)
    case artifactMismatch(String)

    public var description: String {
        switch self {
        case .invalidOrder(let m):
            return "orders must be non-negative, got \(m); use p, d, q, P, D, Q ≥ 0"
        case .invalidSeasonalPeriod(let s):
            return "a seasonal ARIMA needs a period of at least 2, got \(s); set the period or drop the seasonal orders"
        case .constantWithDoubleDifferencing(let m):
            return "\(m) differences twice or more, where a constant is not identifiable; drop the constant or difference less"
        case .nonFiniteValue(let i, let v):
            return "the series holds \(v) at index \(i); ARIMA needs finite values — forward-fill or drop the gap first"
        case .tooShort(let n, let needed, let m):
            return "\(m) needs at least \(needed) points after differencing, the series has \(n); use a longer history or a smaller order"
        case .nonPositiveSteps(let h):
            return "cannot forecast \(h) steps; ask for at least 1"
        case .invalidCoverage(let c):
            return "interval coverage \(c) is outside (0, 1); use for example 0.8 or 0.95"
        case .optimizationFailed(let m, let reason):
            return "fitting \(m) failed: \(reason); try a smaller order or check the series for constant stretches"
        case .unsupportedArtifactVersion(let found, let supported):
            return "the ARIMA artifact has format_version \(found), this build reads up to \(supported); upgrade autoscale to load it"
        case .artifactMismatch(let m):
            return "the ARIMA artifact is inconsistent: \(m); re-export it from the fitted model"
        }
    }
}
