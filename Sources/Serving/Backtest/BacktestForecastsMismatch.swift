/// Forecasts given to `Backtest.replay` that do not fit the replay: they stop before the
/// policy's longest horizon, or were made for another trace (another number of decisions).
public struct BacktestForecastsMismatch: Error, Equatable, Sendable, CustomStringConvertible {
    public var trace: String
    public var steps: Int
    public var neededSteps: Int
    public var decisions: Int
    public var neededDecisions: Int

    public init(trace: String, steps: Int, neededSteps: Int, decisions: Int, neededDecisions: Int) {
        self.trace = trace
        self.steps = steps
        self.neededSteps = neededSteps
        self.decisions = decisions
        self.neededDecisions = neededDecisions
    }

    public var description: String {
        "the forecasts given for \(trace) reach \(steps) steps for \(decisions) decisions but the replay needs \(neededSteps) steps (the policy's longest horizon) for \(neededDecisions) decisions; make them with Backtest.forecasts for this trace and at least this many steps"
    }
}
