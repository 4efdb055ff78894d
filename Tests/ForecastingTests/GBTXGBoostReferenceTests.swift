@testable import Forecasting
import Foundation
import Series
import Testing

/// Our gbt boosters against the `xgboost` Python package 1.7.4 (the version of the
/// libxgboost the model links) on a fixed 300-point series: features, training rows,
/// base scores, the absolute-error and pseudo-Huber point losses, early stopping, the
/// pinball custom objective and the refit are rebuilt
/// independently in GBTReference/make_reference.py, whose output is committed beside it.
/// Both sides hand XGBoost the same Float32 features; the features are computed in Double
/// by different formulas (prefix sums here, direct windows there), so a Float32 rounding
/// may differ in the last bit: tolerance 1e-5 on forecasts of size ~0.5.
@Suite struct GBTXGBoostReferenceTests {
    struct Reference: Decodable {
        struct Case: Decodable {
            /// points[s][r]: step s + 1 from origin r; quantiles[s][j][r]; rounds[s] = [point, q0.1, q0.9].
            let points: [[Double]]
            let quantiles: [[[Double]]]
            let rounds: [[Int]]
        }
        let xgboost: String
        let series: [Double]
        let train_count: Int
        let interval_seconds: Double
        let start: Double
        let origins: [Int]
        let steps: [Int]
        let cases: [String: Case]
    }

    static func load() throws -> Reference {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("GBTReference/gbt_xgboost_reference.json")
        return try JSONDecoder().decode(Reference.self, from: Data(contentsOf: url))
    }

    /// The settings make_reference.py's CASES and PARAMS describe (the quantile boosters:
    /// conformal intervals are not XGBoost's).
    static func settings(_ name: String) -> GBTSettings {
        let level = name == "level", huber = name == "huber"
        return GBTSettings(
            lags: [1, 2, 3, 6], seasonSeconds: [3600], rollingWindows: [4, 12], differences: [1, 3], calendar: true,
            relativeInputs: !level, target: level ? .level : .difference, objective: huber ? .pseudoHuber : .absoluteError,
            huberSlope: 0.05, maxRounds: level || huber ? 60 : 20, learningRate: 0.3, maxDepth: 3,
            minChildWeight: 1, subsample: 1, earlyStoppingRounds: level || huber ? 5 : 0, refit: !level,
            intervalLevels: [0.8], intervalMethod: .quantile, maxDirectSteps: 3, seed: 0)
    }

    @Test(arguments: ["level", "difference", "huber"])
    func forecastsMatchXGBoostPython(caseName: String) throws {
        let r = try Self.load()
        let expected = try #require(r.cases[caseName])
        #expect(r.xgboost == "1.7.4")
        let series = RegularSeries(name: "reference", start: r.start, interval: r.interval_seconds, values: r.series)
        let fitted = try GBTForecaster(settings: Self.settings(caseName), horizonSteps: [1, 3])
            .fit(FitData(series: series, trainCount: r.train_count))
        #expect(fitted.state.steps.map(\.step) == r.steps)
        #expect(fitted.state.steps.map { [$0.rounds] + $0.quantileRounds } == expected.rounds)
        let origins = r.origins[0]..<r.origins[1]
        let paths = try fitted.rollingForecasts(over: series, origins: origins, steps: 3)
        let intervals = try fitted.rollingIntervals(over: series, origins: origins, steps: 3, levels: [0.8])
        var worst = 0.0
        for (row, path) in paths.enumerated() {
            for s in 0..<3 {
                worst = max(worst, abs(path[s] - expected.points[s][row]))
                let pair = [expected.quantiles[s][0][row], expected.quantiles[s][1][row]].sorted()
                worst = max(worst, abs(intervals[row].lower[0][s] - pair[0]), abs(intervals[row].upper[0][s] - pair[1]))
            }
        }
        print("xgboost reference (\(caseName)): worst |Δ| \(worst) over \(origins.count) origins × 3 steps × 3 boosters")
        #expect(worst < 1e-5)
    }
}
