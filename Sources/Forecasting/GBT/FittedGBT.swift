import Series

/// A fitted gbt model conditioned on a history: forecasts from any origin t by building
/// t's feature row per booster step and adding back s_t for the steps with the difference
/// target. Steps without a booster (beyond `maxDirectSteps`) are interpolated linearly
/// between the nearest booster steps below and above. Intervals come from the state's
/// residual calibration (conformal) or from its quantile boosters.
public struct FittedGBT: IntervalForecaster {
    public let state: GBTState
    let boosters: GBTLoadedBoosters
    public let history: RegularSeries

    init(state: GBTState, boosters: GBTLoadedBoosters, history: RegularSeries) {
        self.state = state
        self.boosters = boosters
        self.history = history
    }

    /// The stored model conditioned on `history` (boosters decoded from the state).
    public init(state: GBTState, history: RegularSeries) throws {
        self.init(state: state, boosters: try state.loadBoosters(), history: history)
    }

    /// The longest step this model forecasts.
    public var longestStep: Int { state.steps.last?.step ?? 0 }

    public func predict(steps: Int) throws -> [Double] {
        guard !history.values.isEmpty else { throw ForecastingError.emptyHistory(model: "gbt") }
        return try rollingForecasts(over: history, origins: (history.count - 1)..<history.count, steps: steps)[0]
    }

    public func apply(to history: RegularSeries) throws -> FittedGBT {
        FittedGBT(state: state, boosters: boosters, history: history)
    }

    public func rollingForecasts(over series: RegularSeries, origins: Range<Int>, steps: Int) throws -> [[Double]] {
        try checkSteps(steps)
        let levels = try boosterLevels(over: series, origins: origins) { s in [boosters.point[s]] }
        return (0..<origins.count).map { r in interpolated(steps: steps) { s in levels[s][0][r] } }
    }

    /// With a calibration (conformal intervals) each path plus the residual quantiles of its
    /// step; with quantile boosters their predictions, sorted per origin and step so that
    /// the intervals are nested and never cross.
    public func rollingIntervals(over series: RegularSeries, origins: Range<Int>, steps: Int, levels: [Double]) throws -> [PathIntervals] {
        try checkSteps(steps)
        for level in levels {
            guard level > 0, level < 1 else { throw IntervalError.levelOutOfRange(level) }
            guard state.intervalLevels.contains(where: { abs($0 - level) < 1e-9 }) else {
                throw IntervalError.levelNotTrained(model: "gbt", level: level, trained: state.intervalLevels)
            }
        }
        if let calibration = state.calibration {
            let paths = try rollingForecasts(over: series, origins: origins, steps: steps)
            return try calibration.intervals(around: paths, levels: levels, model: "gbt")
        }
        let positions = try levels.map { level throws -> (Int, Int) in
            guard let low = quantileIndex((1 - level) / 2), let high = quantileIndex((1 + level) / 2) else {
                throw IntervalError.levelNotTrained(model: "gbt", level: level, trained: state.intervalLevels)
            }
            return (low, high)
        }
        let quantileLevels = try boosterLevels(over: series, origins: origins) { s in boosters.quantiles[s] }
        return (0..<origins.count).map { r in
            let sorted = (0..<state.steps.count).map { s in quantileLevels[s].map { $0[r] }.sorted() }
            let lower = positions.map { p in interpolated(steps: steps) { sorted[$0][p.0] } }
            let upper = positions.map { p in interpolated(steps: steps) { sorted[$0][p.1] } }
            return PathIntervals(levels: levels, lower: lower, upper: upper)
        }
    }

    public var parameters: [String: ParameterValue] {
        [
            "booster_steps": .integers(state.steps.map(\.step)),
            "targets": .text(state.steps.map(\.target.rawValue).joined(separator: ",")),
            "rounds": .integers(state.steps.map(\.rounds)),
            "validation_mae": .numbers(state.steps.map(\.validationMAE)),
            "features": .integer(state.features.columnCount),
            "refitted": .integer(state.refitted ? 1 : 0),
        ]
    }

    private func checkSteps(_ steps: Int) throws {
        guard steps <= longestStep else { throw GBTError.stepsBeyondTrained(steps: steps, trained: longestStep) }
    }

    private func quantileIndex(_ q: Double) -> Int? {
        state.quantiles.firstIndex { abs($0 - q) < 1e-9 }
    }

    /// For each booster step s, each booster of `boostersOf(s)` and each origin: the
    /// prediction as a level (s_t added back for the difference target).
    private func boosterLevels(
        over series: RegularSeries, origins: Range<Int>, _ boostersOf: (Int) -> [XGBoostBooster]
    ) throws -> [[[Double]]] {
        guard let last = origins.last else { return state.steps.map { _ in boostersOf(0).map { _ in [] } } }
        guard origins.lowerBound >= 0, last < series.count else {
            throw ForecastingError.historyTooShort(model: "gbt", needed: last + 1, got: series.count)
        }
        let builder = GBTFeatureBuilder(spec: state.features, series: series)
        return try state.steps.enumerated().map { s, step in
            let matrix = try XGBoostMatrix(features: builder.matrix(step: step.step, origins: origins), rows: origins.count,
                                           columns: state.features.columnCount)
            return try boostersOf(s).map { booster in
                try zip(origins, booster.predict(matrix)).map { t, p in Double(p) + builder.offset(origin: t, target: step.target) }
            }
        }
    }

    /// The path ŝ_{t+1} … ŝ_{t+steps} from the booster steps' values `at(s)`: a booster
    /// step takes its value, a step k between booster steps a < k < b takes
    /// v_a + (k − a)/(b − a)·(v_b − v_a).
    private func interpolated(steps: Int, _ at: (Int) -> Double) -> [Double] {
        let boosterSteps = state.steps.map(\.step)
        var s = 0
        return (1...max(steps, 1)).prefix(steps).map { k in
            while boosterSteps[s] < k { s += 1 }
            if boosterSteps[s] == k { return at(s) }
            let a = boosterSteps[s - 1], b = boosterSteps[s]
            return at(s - 1) + Double(k - a) / Double(b - a) * (at(s) - at(s - 1))
        }
    }
}
