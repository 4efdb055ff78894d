/// Errors every model family can raise; families add their own typed errors beside
/// their code.
public enum ForecastingError: Error, Equatable, CustomStringConvertible {
    case emptyHistory(model: String)
    case historyTooShort(model: String, needed: Int, got: Int)
    case seasonNotMultipleOfInterval(model: String, periodSeconds: Double, intervalSeconds: Double)

    public var description: String {
        switch self {
        case .emptyHistory(let model):
            return "\(model): cannot forecast from an empty history"
        case .historyTooShort(let model, let needed, let got):
            return "\(model): needs at least \(needed) points of history, got \(got); use a longer series"
        case .seasonNotMultipleOfInterval(let model, let period, let interval):
            return "\(model): the season of \(period) s is not a whole number of \(interval) s steps; choose a period that is a multiple of the interval"
        }
    }
}
