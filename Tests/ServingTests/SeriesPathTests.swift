import Forecasting
import Foundation
import Series
import Serving
import Testing

/// `FittedModelArtifact.seriesPath` (the predictor's and the backtest's forecast with
/// intervals): for a model that is not a filtered state (gbt) it forecasts from the
/// conditioned model, decoded once; the path and the 80 % / 95 % intervals must be the
/// state's own `forecastPath`, in series units.
@Suite struct SeriesPathTests {
    /// A daily-like cycle with a trend, 5-minute steps: y_t = 50 + 0.01·t + 10·sin(2πt/48).
    static let grid = RegularSeries(name: "cycle", start: 0, interval: 300,
                                    values: (0..<400).map { 50 + 0.01 * Double($0) + 10 * sin(2 * Double.pi * Double($0) / 48) })

    @Test func gbtFromTheConditionedModelIsTheStatesOwnPath() throws {
        let artifact = try ModelSpec(name: "gbt").fitArtifact(series: Self.grid, trainCount: 340, steps: 6)
        let path = try artifact.seriesPath(grid: Self.grid, steps: 6, levels: [0.8, 0.95])
        let series = try artifact.modelSeries(grid: Self.grid)
        let own = try artifact.state.forecastPath(history: series, steps: 6, levels: [0.8, 0.95])
        let mean = artifact.toSeriesUnits(own.mean)
        #expect(path.mean.count == 6)
        for k in 0..<6 { #expect(abs(path.mean[k] - mean[k]) <= 1e-9 * max(1, abs(mean[k]))) }
        let intervals = try #require(path.intervals)
        let bounds = try #require(own.intervals)
        for k in 0..<6 {
            for (j, level) in [0.8, 0.95].enumerated() {
                let upper = artifact.toSeriesUnits(bounds.upper[j])[k], lower = artifact.toSeriesUnits(bounds.lower[j])[k]
                #expect(intervals[k][j].level == level)
                #expect(abs(intervals[k][j].upper - max(upper, lower)) <= 1e-9 * max(1, abs(upper)))
                #expect(abs(intervals[k][j].lower - min(upper, lower)) <= 1e-9 * max(1, abs(lower)))
            }
            // Nested and around the mean: the 95 % interval holds the 80 % one.
            #expect(intervals[k][1].upper >= intervals[k][0].upper && intervals[k][0].upper >= path.mean[k])
        }
    }
}
