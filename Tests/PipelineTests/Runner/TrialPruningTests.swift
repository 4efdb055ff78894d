@testable import Pipeline
import Testing
@testable import Tracking

/// ASHA compares best-so-far validation losses: a trial keeps its best epoch's weights.
@Suite struct TrialPruningTests {
    @Test func othersHistoriesBecomeRunningMinima() throws {
        let points = [(1, 90.0), (2, 85.7), (3, 88.0), (3, 10.0), (4, .nan), (5, 84.0)].map { step, value in
            MetricHistory.Point(step: Int64(step), timestamp: 0, value: value)
        }
        // Epoch 3's first value counts; NaN never lowers the minimum.
        #expect(TrialPruning.runningMinimum(points) == [1: 90, 2: 85.7, 3: 85.7, 4: 85.7, 5: 84])
        let nanFirst = [MetricHistory.Point(step: 1, timestamp: 0, value: .nan), MetricHistory.Point(step: 2, timestamp: 0, value: 3)]
        let minima = TrialPruning.runningMinimum(nanFirst)
        #expect(minima[1]?.isNaN == true && minima[2] == 3)
    }
}
