/// When a sweep stops: after `trials` trials, after `seconds` of wall time, whichever
/// comes first (at least one of them is set; grid search also stops at the grid's end).
public struct SweepBudget: Sendable, Hashable, Codable {
    public var trials: Int?
    public var seconds: Double?

    public init(trials: Int? = nil, seconds: Double? = nil) {
        self.trials = trials
        self.seconds = seconds
    }

    /// Whether a trial numbered `started` (the count started so far) may start after
    /// `elapsedSeconds`; `gridTotal` is the grid's size for grid search.
    public func allowsTrial(started: Int, elapsedSeconds: Double, gridTotal: Int? = nil) -> Bool {
        if let trials, started >= trials { return false }
        if let gridTotal, started >= gridTotal { return false }
        if let seconds, elapsedSeconds >= seconds { return false }
        return true
    }

    /// The number of trials the sweep runs at most, when known.
    public func maximumTrials(gridTotal: Int? = nil) -> Int? {
        switch (trials, gridTotal) {
        case let (t?, g?): min(t, g)
        case let (t?, nil): t
        case let (nil, g?): g
        case (nil, nil): nil
        }
    }
}
