import Testing
import TestSupport
@testable import Series

@Suite("Counter → rate")
struct CounterRateTests {
    @Test("irregular samples: increases over time steps, a reset counts the new value")
    func irregularWithReset() throws {
        // t = 0, 10, 20, 30, 45; v = 100, 150, 150, 30, 90
        // k=1: (150−100)/10 = 5;  k=2: (150−150)/10 = 0;
        // k=3: 30 < 150 → reset, increase = 30 → 30/10 = 3;  k=4: (90−30)/15 = 4
        let counter = TimeSeries(name: "rx", timestamps: [0, 10, 20, 30, 45], values: [100, 150, 150, 30, 90])
        let result = try CounterRate.rates(of: counter)
        #expect(result.series.timestamps == [10, 20, 30, 45])
        #expect(result.series.values == [5, 0, 3, 4])
        #expect(result.series.name == "rx")
        #expect(result.resetCount == 1)
    }

    @Test("regular grid: result is one shorter and starts one interval later")
    func regularGrid() throws {
        // D = 5; v = 0, 10, 25, 5, 5 → 10/5 = 2, 15/5 = 3, reset 5/5 = 1, 0/5 = 0
        let counter = RegularSeries(name: "reads", start: 1_000, interval: 5, values: [0, 10, 25, 5, 5])
        let result = try CounterRate.rates(of: counter)
        #expect(result.series.start == 1_005)
        #expect(result.series.interval == 5)
        #expect(result.series.values == [2, 3, 1, 0])
        #expect(result.resetCount == 1)
    }

    @Test("consecutive resets are each counted")
    func consecutiveResets() throws {
        // v = 10, 4, 2 at t = 0, 2, 4: 4 < 10 → 4/2 = 2; 2 < 4 → 2/2 = 1
        let result = try CounterRate.rates(of: TimeSeries(name: "c", timestamps: [0, 2, 4], values: [10, 4, 2]))
        #expect(result.series.values == [2, 1])
        #expect(result.resetCount == 2)
    }

    @Test("a counter that resets to exactly its previous value is not a reset")
    func equalIsNotReset() throws {
        let result = try CounterRate.rates(of: TimeSeries(name: "c", timestamps: [0, 1], values: [7, 7]))
        #expect(result.series.values == [0])
        #expect(result.resetCount == 0)
    }

    @Test("bad inputs are typed errors naming the sample")
    func errors() {
        #expect(throws: PreprocessingError.tooFewCounterSamples(count: 1)) {
            try CounterRate.rates(of: TimeSeries(name: "c", timestamps: [0], values: [1]))
        }
        #expect(throws: PreprocessingError.nonIncreasingTimestamp(index: 2, previous: 10, current: 10)) {
            try CounterRate.rates(of: TimeSeries(name: "c", timestamps: [0, 10, 10], values: [1, 2, 3]))
        }
        #expect(throws: PreprocessingError.negativeCounter(index: 1, value: -4)) {
            try CounterRate.rates(of: TimeSeries(name: "c", timestamps: [0, 1, 2], values: [1, -4, 3]))
        }
        do {
            _ = try CounterRate.rates(of: TimeSeries(name: "c", timestamps: [0, 1], values: [1, .nan]))
            Issue.record("NaN counter value was accepted")
        } catch {
            guard case .nonFiniteValue(let index, let value) = error else { Issue.record("wrong error \(error)"); return }
            #expect(index == 1)
            #expect(value.isNaN)
        }
    }
}
