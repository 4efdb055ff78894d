/// The data side of the evaluation protocol (EVALUATION.md §1–§5): grid, horizons in
/// steps, chronological split, min-max scaling fitted on train, and forecast origins.
/// Models plug in through `Forecasting`'s evaluator; this type never sees a model.
public struct EvaluationPlan: Sendable {
    public let grid: RegularGrid
    public let split: TemporalSplit
    public let scaler: MinMaxScaler
    /// s_k on the grid, the values every model fits and predicts.
    public let scaled: RegularSeries
    public let horizons: [EvaluationHorizon]
    /// mean_{k=1…n_train−1} |s_k − s_{k−1}|, the MASE denominator shared by all horizons.
    public let naiveScale: Double

    /// - Parameters:
    ///   - horizonMinutes: forecast horizons in minutes (default 5, 15, 30).
    public init(series: TimeSeries, horizonMinutes: [Int] = [5, 15, 30]) throws(EvaluationError) {
        let grid: RegularGrid
        do { grid = try RegularGrid(series) } catch { throw .grid(error) }
        try self.init(grid: grid, horizonMinutes: horizonMinutes)
    }

    public init(grid: RegularGrid, horizonMinutes: [Int] = [5, 15, 30]) throws(EvaluationError) {
        guard !horizonMinutes.isEmpty else { throw .noHorizons }
        let interval = grid.series.interval
        let horizons = try horizonMinutes.map { minutes throws(EvaluationError) in
            let exact = Double(minutes) * 60 / interval
            let steps = Int(exact.rounded())
            guard minutes > 0, steps >= 1, abs(exact - Double(steps)) < 1e-9 * max(1, exact) else {
                throw .horizonNotMultipleOfInterval(minutes: minutes, intervalSeconds: interval)
            }
            return EvaluationHorizon(minutes: minutes, steps: steps)
        }
        let split: TemporalSplit
        do { split = try TemporalSplit(count: grid.series.count) } catch { throw .split(error) }
        let maxSteps = horizons.map(\.steps).max() ?? 1
        guard split.testCount > maxSteps else {
            throw .testTooShort(testCount: split.testCount, horizonSteps: maxSteps)
        }
        let scaler: MinMaxScaler
        do { scaler = try MinMaxScaler(fittingOn: grid.series.values[split.train]) } catch { throw .scaler(error) }
        let scaledValues = scaler.transform(grid.series.values)
        self.grid = grid
        self.split = split
        self.scaler = scaler
        self.scaled = grid.series.with(values: scaledValues)
        self.horizons = horizons
        self.naiveScale = ErrorMetrics.naiveScale(training: Array(scaledValues[split.train]))
    }

    /// Origins t with test_start ≤ t and t + h ≤ N − 1 (n_test − h of them).
    public func origins(steps h: Int) -> Range<Int> {
        split.testStart..<max(split.testStart, split.count - h)
    }

    /// Origins covering every horizon: those of the shortest horizon.
    public var allOrigins: Range<Int> { origins(steps: horizons.map(\.steps).min() ?? 1) }

    /// Scores forecasts f_t of s_{t+h}, one per origin in `origins(steps: h)`, in order.
    public func score(_ horizon: EvaluationHorizon, forecasts: [Double]) -> HorizonScore {
        score(horizon, forecasts: forecasts, origins: origins(steps: horizon.steps))
    }

    /// Scores forecasts f_t of s_{t+h}, one per origin t in `origins`, in order (the test
    /// origins, or the validation origins of `validationOrigins(steps:)`), with the same
    /// metrics and the same naive scale q of the train part (EVALUATION.md §6). Every
    /// target s_{t+h} must lie on the grid: t + h ≤ N − 1.
    public func score(_ horizon: EvaluationHorizon, forecasts: [Double], origins: Range<Int>) -> HorizonScore {
        precondition(forecasts.count == origins.count, "expected \(origins.count) forecasts, got \(forecasts.count)")
        precondition(origins.isEmpty || (origins.lowerBound >= 0 && origins.upperBound + horizon.steps <= split.count),
                     "origins \(origins) with \(horizon.steps) steps reach past the \(split.count) grid points")
        let y = origins.map { scaled.values[$0 + horizon.steps] }
        let yOriginal = scaler.inverse(y)
        let fOriginal = scaler.inverse(forecasts)
        return HorizonScore(
            steps: horizon.steps,
            origins: origins.count,
            mae: ErrorMetrics.mae(y, forecasts),
            rmse: ErrorMetrics.rmse(y, forecasts),
            smape: ErrorMetrics.smape(yOriginal, fOriginal),
            mase: ErrorMetrics.mase(y, forecasts, naiveScale: naiveScale),
            r2: ErrorMetrics.r2(y, forecasts)
        )
    }
}

/// A horizon in minutes and in grid steps h = minutes / D.
public struct EvaluationHorizon: Sendable, Equatable, Codable {
    public let minutes: Int
    public let steps: Int

    public init(minutes: Int, steps: Int) {
        self.minutes = minutes
        self.steps = steps
    }
}

/// Metrics of one horizon (EVALUATION.md §6); MAE, RMSE, MASE, R² on scaled values,
/// SMAPE on original units.
public struct HorizonScore: Sendable, Equatable {
    public let steps: Int
    public let origins: Int
    public let mae: Double
    public let rmse: Double
    public let smape: Double
    public let mase: Double
    public let r2: Double
}

extension HorizonScore: Encodable {
    enum CodingKeys: String, CodingKey { case steps, origins, mae, rmse, smape, mase, r2 }

    /// Non-finite numbers become null: JSON has no NaN (EVALUATION.md §8).
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(steps, forKey: .steps)
        try c.encode(origins, forKey: .origins)
        try c.encode(mae.finiteOrNil, forKey: .mae)
        try c.encode(rmse.finiteOrNil, forKey: .rmse)
        try c.encode(smape.finiteOrNil, forKey: .smape)
        try c.encode(mase.finiteOrNil, forKey: .mase)
        try c.encode(r2.finiteOrNil, forKey: .r2)
    }
}

extension Double {
    /// nil for NaN and ±∞, for JSON output.
    public var finiteOrNil: Double? { isFinite ? self : nil }
}

public enum EvaluationError: Error, Equatable, CustomStringConvertible {
    case grid(GridError)
    case split(SplitError)
    case scaler(ScalerError)
    case noHorizons
    case horizonNotMultipleOfInterval(minutes: Int, intervalSeconds: Double)
    case testTooShort(testCount: Int, horizonSteps: Int)

    public var description: String {
        switch self {
        case .grid(let e): return e.description
        case .split(let e): return e.description
        case .scaler(let e): return e.description
        case .noHorizons: return "no horizons given; pass for example --horizons 5,15,30"
        case .horizonNotMultipleOfInterval(let minutes, let interval):
            return "horizon \(minutes) min is not a whole number of \(formatSeconds(interval)) steps; choose horizons that are multiples of the data's interval"
        case .testTooShort(let n, let h):
            return "the test part has \(n) points, too few for a horizon of \(h) steps; use a longer series or shorter horizons"
        }
    }
}

func formatSeconds(_ s: Double) -> String {
    s == s.rounded() ? "\(Int(s)) s" : "\(s) s"
}
