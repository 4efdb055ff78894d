import Foundation
import Testing
import TestSupport
@testable import Series

@Suite("Per-metric preprocessing")
struct PreprocessingTests {
    @Test("recommended specs: gauges for cpu/memory, counters with log1p and tail clipping otherwise")
    func recommended() throws {
        for metric in [MetricKind.cpu, .memory] {
            let spec = PreprocessingSpec.recommended(for: metric)
            #expect(spec.input == .gauge)
            #expect(spec.transform == .identity)
            #expect(spec.clip == nil)
            #expect(spec.scale == 1)
        }
        for metric in [MetricKind.diskReads, .diskWrites, .networkRx, .networkTx] {
            let spec = PreprocessingSpec.recommended(for: metric)
            #expect(spec.input == .counter)
            #expect(spec.transform == .log1p)
            #expect(spec.clip == (try QuantileClip(lower: 0.001, upper: 0.999)))
        }
    }

    @Test("metric names decode at the edge, unknown names list the allowed ones")
    func metricNames() throws {
        #expect(try MetricKind(parsing: "disk_reads") == .diskReads)
        #expect(try MetricKind(parsing: "network_tx") == .networkTx)
        #expect(throws: PreprocessingError.unknownMetric(
            "gpu", allowed: ["cpu", "memory", "disk_reads", "disk_writes", "network_rx", "network_tx"])) {
            try MetricKind(parsing: "gpu")
        }
    }

    @Test("clip bounds come from train quantiles and are applied to later values")
    func clipFittedOnTrain() throws {
        // train = 0, 1, …, 10 (n = 11): Q(0.1): h = 10·0.1 = 1 → 1;  Q(0.9): h = 9 → 9
        let spec = try PreprocessingSpec(clip: QuantileClip(lower: 0.1, upper: 0.9))
        let fitted = try Preprocessor(spec: spec).fit(train: (0...10).map(Double.init))
        #expect(fitted.clipBounds == ClipBounds(lower: 1, upper: 9))
        #expect(try fitted.apply([-5, 5, 20, 9.5]) == [1, 5, 9, 9])
    }

    @Test("scale then log1p, and the inverse back to rate units")
    func scaleAndLog() throws {
        // scale 0.5: 2 → 1 → log1p(1) = log 2;  6 → 3 → log1p(3) = log 4
        let spec = try PreprocessingSpec(scale: 0.5, transform: .log1p)
        let fitted = try Preprocessor(spec: spec).fit(train: [2, 6])
        let applied = try fitted.apply([2, 6])
        #expect(firstMismatch(applied, [log(2), log(4)], rel: 1e-15) == nil)
        #expect(firstMismatch(fitted.inverse(applied), [2, 6], rel: 1e-14) == nil)
    }

    @Test("counter metric end to end: rate, clip on train, log1p")
    func counterEndToEnd() throws {
        // D = 10 s; cumulative bytes 0, 100, 300, 600, 50 (reset), 150
        // rates: 10, 20, 30, 5 (reset: 50/10), 10
        let raw = RegularSeries(name: "network_rx", start: 0, interval: 10, values: [0, 100, 300, 600, 50, 150])
        let spec = try PreprocessingSpec(input: .counter, clip: QuantileClip(lower: 0, upper: 0.5), transform: .log1p)
        let pre = Preprocessor(spec: spec)
        let rates = try pre.rateStage(raw)
        #expect(rates.series.values == [10, 20, 30, 5, 10])
        #expect(rates.resetCount == 1)
        #expect(rates.series.start == 10)
        // train = first 3 rates [10, 20, 30]: Q(0) = 10, Q(0.5) = 20
        let fitted = try pre.fit(train: rates.series.values.prefix(3))
        #expect(fitted.clipBounds == ClipBounds(lower: 10, upper: 20))
        // clipped: 10, 20, 20, 10, 10 → log1p
        let ready = try fitted.apply(rates.series)
        #expect(firstMismatch(ready.values, [log(11), log(21), log(21), log(11), log(11)], rel: 1e-15) == nil)
        #expect(ready.start == 10)
    }

    @Test("gauge rate stage is the identity")
    func gaugeIdentity() throws {
        let series = RegularSeries(name: "cpu", start: 0, interval: 300, values: [0.5, 0.7])
        let result = try Preprocessor(spec: .recommended(for: .cpu)).rateStage(series)
        #expect(result.series == series)
        #expect(result.resetCount == 0)
    }

    @Test("invalid specs and values are typed errors")
    func errors() throws {
        #expect(throws: PreprocessingError.invalidClipQuantiles(lower: 0.9, upper: 0.1)) {
            try QuantileClip(lower: 0.9, upper: 0.1)
        }
        #expect(throws: PreprocessingError.invalidScale(0)) { try PreprocessingSpec(scale: 0) }
        #expect(throws: PreprocessingError.emptyTrainingData) {
            try Preprocessor(spec: .recommended(for: .cpu)).fit(train: [Double]())
        }
        let logSpec = try PreprocessingSpec(transform: .log1p)
        let fitted = try Preprocessor(spec: logSpec).fit(train: [1, 2])
        #expect(throws: PreprocessingError.logOfValueAtOrBelowMinusOne(index: 1, value: -1)) {
            try fitted.apply([0, -1])
        }
        #expect(throws: PreprocessingError.nonFiniteValue(index: 0, value: .infinity)) {
            try fitted.apply([.infinity])
        }
    }

    @Test("error descriptions say what to do")
    func descriptions() {
        let message = PreprocessingError.negativeCounter(index: 3, value: -2).description
        #expect(message == "counter value at index 3 is -2.0, but cumulative counters are never negative; "
            + "check that the series really is a counter (use input: gauge otherwise)")
    }
}
