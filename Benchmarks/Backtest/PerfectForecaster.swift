import Forecasting
import Series
import Serving

/// `--models perfect`: the bound no model can pass. It reads the trace's future (it is told
/// the whole trace): ŷ_{i+k} = y_{i+k} (the last value past the end), every interval
/// [y, y]. The predictive policy with it shows what forecasts could buy at best.
struct PerfectForecaster: DemandForecaster {
    let values: [Double]
    var name: String { "perfect" }

    mutating func forecast(history: TimeSeries, decision: Int, steps: Int) throws -> [Double]? {
        (1...steps).map { values[min(decision + $0, values.count - 1)] }
    }

    mutating func forecastPath(history: TimeSeries, decision: Int, steps: Int, levels: [Double]) throws -> SeriesPath? {
        let mean = try forecast(history: history, decision: decision, steps: steps)!
        return SeriesPath(mean: mean, intervals: mean.map { y in levels.map { ForecastInterval(level: $0, lower: y, upper: y) } })
    }
}

/// The forecasts of `model` (a catalog name, or `perfect`) at every decision of `trace`.
func modelForecasts(_ model: String, trace: BacktestTrace, steps: Int, levels: [Double], spec: BacktestSpec) throws -> BacktestForecasts {
    if model == "perfect" {
        return try Backtest.forecasts(trace, forecaster: PerfectForecaster(values: trace.values), steps: steps,
                                      levels: levels, conditioningPoints: spec.conditioningPoints)
    }
    return try Backtest.forecasts(trace, forecaster: RefittingForecaster(spec: try ModelSpec(name: model), refitEvery: spec.refitEvery),
                                  steps: steps, levels: levels, conditioningPoints: spec.conditioningPoints)
}
