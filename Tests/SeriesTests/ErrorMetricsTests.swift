import Series
import TestSupport
import Testing

@Suite struct ErrorMetricsTests {
    // y = [1, 2, 3, 4], f = [1, 3, 2, 6]: errors 0, −1, 1, −2.
    let y: [Double] = [1, 2, 3, 4]
    let f: [Double] = [1, 3, 2, 6]

    @Test func squaredAndAbsoluteErrors() {
        #expect(ErrorMetrics.mse(y, f) == 1.5)  // (0 + 1 + 1 + 4) / 4
        #expect(ErrorMetrics.mae(y, f) == 1.0)  // (0 + 1 + 1 + 2) / 4
        #expect(isClose(ErrorMetrics.rmse(y, f), 1.5.squareRoot()))
    }

    @Test func coefficientOfDetermination() {
        // ȳ = 2.5, SST = 2.25 + 0.25 + 0.25 + 2.25 = 5, SSE = 6 → R² = 1 − 6/5 = −0.2.
        #expect(isClose(ErrorMetrics.r2(y, f), -0.2))
        #expect(ErrorMetrics.r2([3, 3], [3, 4]).isNaN)
    }

    @Test func symmetricPercentageErrorCountsZeroOverZeroAsZero() {
        // Terms: 0; 2·1/5 = 0.4; 2·1/5 = 0.4; 2·2/10 = 0.4; 0/0 → 0. Mean = 1.2/5 = 0.24 → 24 %.
        #expect(isClose(ErrorMetrics.smape(y + [0], f + [0]), 24))
    }

    @Test func percentageErrorSkipsZeroTargets() {
        // |0|/1, 1/2, 1/3, 2/4 → mean (0 + 0.5 + 1/3 + 0.5)/4 = 1/3 → 33.33 %; one zero target skipped.
        let (value, skipped) = ErrorMetrics.mape(y + [0], f + [5])
        #expect(isClose(value, 100.0 / 3))
        #expect(skipped == 1)
    }

    @Test func scaledErrorUsesInSampleNaiveDifferences() {
        // Training 0, 2, 1, 4: |2| + |−1| + |3| = 6 over 3 → scale 2; MASE = 1 / 2.
        let scale = ErrorMetrics.naiveScale(training: [0, 2, 1, 4])
        #expect(scale == 2)
        #expect(ErrorMetrics.mase(y, f, naiveScale: scale) == 0.5)
    }

    @Test func emptyInputGivesNaNNotATrap() {
        #expect(ErrorMetrics.mae([], []).isNaN)
        #expect(ErrorMetrics.naiveScale(training: [1]).isNaN)
    }
}
