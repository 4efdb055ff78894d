extension FitContext {
    /// Grid steps of the longest horizon, ⌈60 · max(minutes) / D⌉ (at least 1): how far
    /// ahead a model fitted in this context calibrates its intervals.
    public var maxSteps: Int {
        max(1, Int((60 * (horizonMinutes.max() ?? 0) / interval - 1e-9).rounded(.up)))
    }
}
