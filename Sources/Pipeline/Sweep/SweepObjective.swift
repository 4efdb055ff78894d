/// What a sweep minimises or maximises: a validation metric of each trial's run, written
/// as for the `select` stage (`min metrics.val_mae_15m`, `max metrics.val_r2_15m`); the
/// parsing and the `val_` rule are `SelectionObjective`'s.
public struct SweepObjective: Sendable, Hashable, CustomStringConvertible {
    public var selection: SelectionObjective

    public init(_ selection: SelectionObjective) {
        self.selection = selection
    }

    /// Parses `min metrics.val_NAME` / `max metrics.val_NAME`.
    public init(parsing text: String) throws(SweepObjectiveError) {
        do {
            selection = try SelectionObjective(parsing: text)
        } catch {
            throw SweepObjectiveError(text: text, reason: error.reason)
        }
    }

    public var metric: String { selection.metric }
    public var direction: SelectionObjective.Direction { selection.direction }

    /// The value samplers and the pruner minimise: the metric for `min`, its negation for `max`.
    public func minimised(_ metricValue: Double) -> Double {
        direction == .min ? metricValue : -metricValue
    }

    public var description: String { selection.description }
}

/// An objective that cannot be used, with the text and the reason (e.g. a test metric).
public struct SweepObjectiveError: Error, Sendable, Hashable, CustomStringConvertible {
    public let text: String
    public let reason: String

    public var description: String { "\"\(text)\" cannot be used as a sweep objective: \(reason)" }
}
