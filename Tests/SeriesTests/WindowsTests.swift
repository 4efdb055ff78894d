import Testing
import TestSupport
@testable import Series

@Suite("Sliding windows")
struct WindowsTests {
    /// n rows, 2 columns: (k, 10k); target 100 + k.
    func fixture(_ n: Int) -> (FeatureMatrix, [Double]) {
        let values = (0..<n).flatMap { [Double($0), Double(10 * $0)] }
        let matrix = FeatureMatrix(rows: n, columns: 2, values: values, names: ["k", "10k"])
        return (matrix, (0..<n).map { 100 + Double($0) })
    }

    @Test("inputs, targets and paths of the first sample, and the sample count")
    func shapesAndValues() throws {
        // n = 10, L = 3, horizons 1 and 3: t ≥ L − 1 = 2 and t + 3 ≤ 9 → t = 2 … 6 (5 samples)
        let (features, target) = fixture(10)
        let spec = try WindowSpec(length: 3, horizons: [1, 3], includePaths: true)
        let samples = try SlidingWindows.make(features: features, target: target, spec: spec, range: .train(count: 10))
        #expect(samples.origins == [2, 3, 4, 5, 6])
        #expect(samples.inputs(for: 0..<5).count == 5 * 3 * 2)
        #expect(samples.targets.count == 5 * 2)
        #expect(samples.paths?.count == 5 * 3)
        // sample 0, origin 2: rows 0, 1, 2 → (0, 0), (1, 10), (2, 20); targets s3, s5; path s3, s4, s5
        #expect(Array(samples.input(0)) == [0, 0, 1, 10, 2, 20])
        #expect(Array(samples.target(0)) == [103, 105])
        #expect(Array(samples.paths?.prefix(3) ?? []) == [103, 104, 105])
        // last sample, origin 6: rows 4 … 6, targets s7, s9 (= the last index)
        #expect(Array(samples.input(4)) == [4, 40, 5, 50, 6, 60])
        #expect(Array(samples.target(4)) == [107, 109])
        // a mini-batch in any order stacks [B × L × f] and [B × H]
        #expect(samples.inputs(for: [4, 0]) == [4, 40, 5, 50, 6, 60, 0, 0, 1, 10, 2, 20])
        #expect(samples.targets(for: [4, 0]) == [107, 109, 103, 105])
    }

    @Test("stride steps from the first valid origin; paths are nil unless asked for")
    func stride() throws {
        let (features, target) = fixture(10)
        let spec = try WindowSpec(length: 3, horizons: [3, 1], stride: 2)
        let samples = try SlidingWindows.make(features: features, target: target, spec: spec, range: .train(count: 10))
        #expect(samples.origins == [2, 4, 6])
        #expect(samples.paths == nil)
        // horizons keep their given order: origin 4 → s7, s5
        #expect(Array(samples.target(1)) == [107, 105])
    }

    @Test("train and validation origins of EVALUATION.md §7")
    func trainAndValidation() throws {
        // N = 20: n_train = ⌊0.7·20⌋ = 14, n_val = ⌊0.15·20⌋ = 3.
        // L = 4, h_max = 2. Train: t ≥ 3, t + 2 ≤ 13 → t = 3 … 11 (9 samples).
        // Validation: t ≥ 14, t + 2 ≤ 16 → t = 14 (1 sample), inputs rows 11 … 14 reach into train.
        let (features, target) = fixture(20)
        let spec = try WindowSpec(length: 4, horizons: [1, 2])
        let train = try SlidingWindows.make(features: features, target: target, spec: spec, range: .train(count: 14))
        #expect(train.origins == Array(3...11))
        let validation = try SlidingWindows.make(
            features: features, target: target, spec: spec, range: .validation(trainCount: 14, validationCount: 3))
        #expect(validation.origins == [14])
        #expect(Array(validation.input(0)) == [11, 110, 12, 120, 13, 130, 14, 140])
        #expect(Array(validation.target(0)) == [115, 116])
    }

    @Test("ranges too short for one sample give none; ranges past the end are errors")
    func boundaries() throws {
        let (features, target) = fixture(6)
        // L = 3, h = 3: first origin 2 needs index 5 — exactly the last one: 1 sample
        let spec = try WindowSpec(length: 3, horizons: [3])
        #expect(try SlidingWindows.make(features: features, target: target, spec: spec, range: .train(count: 6)).count == 1)
        // with 5 points the target index 5 does not exist: 0 samples
        #expect(OriginRange.train(count: 5).origins(for: spec).isEmpty)
        #expect(throws: WindowError.rangeBeyondSeries(lastTargetIndex: 6, count: 6)) {
            try SlidingWindows.make(features: features, target: target, spec: spec, range: .train(count: 7))
        }
        #expect(throws: WindowError.targetLengthMismatch(rows: 6, targets: 5)) {
            try SlidingWindows.make(features: features, target: Array(target.prefix(5)), spec: spec, range: .train(count: 6))
        }
    }

    @Test("invalid window specs are typed errors")
    func specErrors() {
        #expect(throws: WindowError.invalidLength(0)) { try WindowSpec(length: 0, horizons: [1]) }
        #expect(throws: WindowError.invalidStride(0)) { try WindowSpec(length: 1, horizons: [1], stride: 0) }
        #expect(throws: WindowError.noHorizons) { try WindowSpec(length: 1, horizons: []) }
        #expect(throws: WindowError.invalidHorizon(0)) { try WindowSpec(length: 1, horizons: [1, 0]) }
        #expect(throws: WindowError.duplicateHorizons([1, 1])) { try WindowSpec(length: 1, horizons: [1, 1]) }
    }

    @Test("windows over built features: the last input row of a sample is its origin's row")
    func overBuiltFeatures() throws {
        let series = RegularSeries(name: "s", start: 0, interval: 300, values: (0..<30).map { Double($0 % 7) })
        let features = try FeatureBuilder.build(series)
        let spec = try WindowSpec(length: 12, horizons: [1, 3, 6])
        let samples = try SlidingWindows.make(features: features, target: series.values, spec: spec, range: .train(count: 30))
        // t = 11 … 23 → 13 samples of [12 × 8]
        #expect(samples.count == 13)
        #expect(samples.inputs(for: 0..<13).count == 13 * 12 * 8)
        let lastRow = Array(samples.input(0).suffix(8))
        #expect(lastRow == Array(features.values[(11 * 8)..<(12 * 8)]))
    }
}
