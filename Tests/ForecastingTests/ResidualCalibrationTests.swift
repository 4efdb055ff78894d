import Foundation
@testable import Forecasting
import Kernels
import Series
import Testing

/// `ResidualCalibration`: the conformal ranks on known residuals, nesting, what a model
/// calibrates on, and the errors for what it cannot give.
@Suite struct ResidualCalibrationTests {
    /// n = 19 residuals 1 … 19 (shuffled): at 80 % the ranks are ⌊20·0.1⌋ = 2 and
    /// ⌈20·0.9⌉ = 18; at 95 % ⌊20·0.025⌋ = 0 → 1 and ⌈20·0.975⌉ = 20 → 19 (capped at n).
    @Test func boundsAreTheConformalOrderStatistics() throws {
        let residuals = [7.0, 3, 19, 1, 12, 5, 18, 2, 9, 11, 4, 16, 6, 15, 8, 13, 10, 17, 14]
        let calibration = try ResidualCalibration(residuals: [residuals], levels: [0.8, 0.95])
        #expect(ResidualCalibration.ranks(count: 19, level: 0.8) == (2, 18))
        #expect(ResidualCalibration.ranks(count: 19, level: 0.95) == (1, 19))
        #expect(calibration.lower == [[2], [1]] && calibration.upper == [[18], [19]])
        #expect(calibration.counts == [19] && calibration.steps == 1)
        // n = 99: 80 % → ranks ⌊100·0.1⌋ = 10 and ⌈100·0.9⌉ = 90.
        #expect(ResidualCalibration.ranks(count: 99, level: 0.8) == (10, 90))
        // The bounds are the forecast plus the quantiles.
        let intervals = try calibration.intervals(around: [[100]], levels: [0.95, 0.8], model: "test")
        #expect(intervals == [PathIntervals(levels: [0.95, 0.8], lower: [[101], [102]], upper: [[119], [118]])])
    }

    /// Any residuals: every level's interval contains the narrower levels' (nested), and
    /// lower ≤ upper (sorted quantiles), at every step.
    @Test func calibratedIntervalsAreNestedAndSorted() throws {
        var rng = SplitMix64(seed: 11)
        let residuals = (1...4).map { k in (0..<(7 + 13 * k)).map { _ in rng.nextGaussian() * Double(k) + (rng.nextUnit() < 0.1 ? 5 : 0) } }
        let levels = ResidualCalibration.standardLevels
        let calibration = try ResidualCalibration(residuals: residuals)
        for k in 0..<4 {
            for i in levels.indices {
                #expect(calibration.lower[i][k] <= calibration.upper[i][k])
                for j in levels.indices where levels[j] > levels[i] {
                    #expect(calibration.lower[j][k] <= calibration.lower[i][k] && calibration.upper[i][k] <= calibration.upper[j][k])
                }
            }
        }
    }

    /// Naive on s = 0, 1, 4, 9, …, 99² with 90 train points: the validation origins are
    /// t = 90 … 98 and the step-k residuals s_{t+k} − s_t = 2tk + k² for t + k ≤ 99.
    @Test func naiveCalibratesOnItsValidationResiduals() throws {
        let values = (0..<100).map { Double($0 * $0) }
        let data = FitData(series: RegularSeries(name: "squares", start: 0, interval: 300, values: values), trainCount: 90)
        let fitted = try Naive(calibrationSteps: 3).fit(data)
        let calibration = try #require(fitted.calibration)
        #expect(calibration.counts == [9, 8, 7])
        for k in 1...3 {
            let residuals = (90..<(100 - k)).map { Double(2 * $0 * k + k * k) }
            let expected = try ResidualCalibration(residuals: [residuals], levels: calibration.levels)
            for i in calibration.levels.indices {
                #expect(calibration.lower[i][k - 1] == expected.lower[i][0] && calibration.upper[i][k - 1] == expected.upper[i][0])
            }
        }
        // No validation part: nothing to calibrate, and intervals say so.
        let noValidation = try Naive().fit(FitData(series: data.series, trainCount: 100))
        #expect(noValidation.calibration == nil)
        #expect(throws: ResidualCalibrationError.notCalibrated(model: "naive")) {
            try noValidation.rollingIntervals(over: data.series, origins: 10..<20, steps: 1, levels: [0.8])
        }
    }

    @Test func whatACalibrationCannotGiveIsATypedError() throws {
        let calibration = try ResidualCalibration(residuals: [[1, 2, 3], [1, 2, 3]], levels: [0.8, 0.95])
        #expect(throws: ResidualCalibrationError.levelNotCalibrated(model: "naive", level: 0.9, calibrated: [0.8, 0.95])) {
            try calibration.intervals(around: [[0, 0]], levels: [0.9], model: "naive")
        }
        #expect(throws: ResidualCalibrationError.stepsNotCalibrated(model: "naive", steps: 3, calibrated: 2)) {
            try calibration.intervals(around: [[0, 0, 0]], levels: [0.8], model: "naive")
        }
        #expect(throws: IntervalError.levelOutOfRange(1.5)) { try calibration.intervals(around: [[0]], levels: [1.5], model: "naive") }
        #expect(throws: ResidualCalibrationError.noResiduals(step: 2)) { try ResidualCalibration(residuals: [[1], []]) }
        #expect(throws: ResidualCalibrationError.nonFiniteResidual(step: 1, index: 1, value: .infinity)) {
            try ResidualCalibration(residuals: [[1, .infinity]])
        }
        var future = calibration
        future.formatVersion = ResidualCalibration.formatVersion + 1
        #expect(throws: ResidualCalibrationError.unsupportedFormatVersion(found: future.formatVersion, supported: ResidualCalibration.formatVersion)) {
            try future.check()
        }
    }
}
