import Foundation
@testable import Forecasting
import Series
import Testing

@Suite struct LSTMInputsTests {
    /// train 0, 1, 3, 3, 7 → d = 1, 2, 0, 4: std = √2.1875; median d = 1.5,
    /// |d − 1.5| = 0.5, 0.5, 1.5, 2.5 → MAD = 1 → 1.4826.
    @Test func scaleEstimatorsByHand() {
        let train: ArraySlice<Double> = [0, 1, 3, 3, 7]
        let std = LevelNormalization(mode: .relativeToLast, estimator: .standardDeviation, fittingOn: train)
        #expect(abs(std.scale - 2.1875.squareRoot()) < 1e-12)
        let mad = LevelNormalization(mode: .relativeToLast, estimator: .medianAbsoluteDeviation, fittingOn: train)
        #expect(abs(mad.scale - 1.4826) < 1e-12)
        // Mostly flat: d = 0, 0, 0, 1 → MAD 0 → mean |d − 0| = 0.25.
        let flat = LevelNormalization(mode: .relativeToLast, estimator: .medianAbsoluteDeviation, fittingOn: [0, 0, 0, 0, 1])
        #expect(flat.scale == 0.25)
        #expect(LevelNormalization(mode: .absolute, fittingOn: train).scale == 1)
    }

    /// Window of 3 ending at t = 4 on s = 0, 1, 3, 3, 7 with σ = 2: rows 2…4, value column
    /// (s − 7)/2 = −2, −2, 0; diff column d/2 = 1, 0, 2; calendar unchanged; target (s_5 − 7)/2.
    @Test func relativeInputsAndTargetsByHand() throws {
        let series = RegularSeries(name: "s", start: 0, interval: 300, values: [0, 1, 3, 3, 7, 8])
        let inputs = try LSTMInputs(series: series, features: LSTMFeatureSpec(columns: ["value", "diff", "hour_sin"]),
                                    window: 3, normalization: LevelNormalization(mode: .relativeToLast, scale: 2))
        var x = [Float](repeating: .nan, count: 9)
        x.withUnsafeMutableBufferPointer { inputs.gather(origins: [4], into: $0.baseAddress!) }
        let hourSin = (2...4).map { Float(sin(2 * Double.pi * Double($0 * 5) / 60 / 24)) }
        #expect(x == [-2, 1, hourSin[0], -2, 0, hourSin[1], 0, 2, hourSin[2]])
        var y: [Float] = [.nan]
        y.withUnsafeMutableBufferPointer { inputs.gatherTargets(origins: [4], steps: 1, into: $0.baseAddress!) }
        #expect(y == [0.5])
        #expect(inputs.forecast(origin: 4, output: 0.5) == 8)
    }
}
