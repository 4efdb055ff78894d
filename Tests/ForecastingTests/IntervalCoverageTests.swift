import Foundation
@testable import Forecasting
import Kernels
import Series
import Testing

/// Coverage in evaluation: computed right on a constructed case, calibrated on i.i.d.
/// noise, and the protocol's scores unchanged by it.
@Suite struct IntervalCoverageTests {
    static func timeSeries(_ values: [Double]) -> TimeSeries {
        TimeSeries(name: "s", timestamps: values.indices.map { 1_700_000_000 + 300 * Double($0) }, values: values)
    }

    @Test func shareCountsTargetsInsideIncludingTheBounds() {
        #expect(IntervalCoverage.share(lower: [0, 0, 0, 0], upper: [1, 1, 1, 1], targets: [0, 1, 0.5, 1.5]) == 0.75)
        #expect(IntervalCoverage.share(lower: [], upper: [], targets: []).isNaN)
    }

    /// N = 100 points s_i = i (min-max scaled on train: s/69): test origins t ∈ [85, 100 − k).
    /// The intervals contain the target exactly at even origins for 80 % and at origins
    /// t ≡ 0 mod 3 for 95 %, so coverage is the share of such origins among O_h.
    @Test func coverageIsTheShareOfTestTargetsInside() throws {
        let plan = try EvaluationPlan(series: Self.timeSeries((0..<100).map(Double.init)), horizonMinutes: [5, 15])
        #expect(plan.split.testStart == 85)
        let origins = ScoredPart.test.allOrigins(on: plan)
        let y = plan.scaled.values
        let intervals = origins.map { t in
            let inside80 = t % 2 == 0, inside95 = t % 3 == 0
            func bounds(_ inside: Bool) -> (lower: [Double], upper: [Double]) {
                let centre = (1...3).map { k in t + k < y.count ? y[t + k] : 0 }
                return (centre.map { $0 - (inside ? 0 : 1) }, centre.map { inside ? $0 : $0 - 0.5 })
            }
            let (a, b) = (bounds(inside80), bounds(inside95))
            return PathIntervals(levels: [0.8, 0.95], lower: [a.lower, b.lower], upper: [a.upper, b.upper])
        }
        let coverage = IntervalCoverage.coverage(intervals, on: plan, part: .test)
        // 5 min: origins 85 … 98 (14): even 7, multiples of 3 {87, 90, 93, 96} 4.
        #expect(coverage["5"] == ["0.8": 7.0 / 14, "0.95": 4.0 / 14])
        // 15 min (3 steps): origins 85 … 96 (12): even 6, multiples of 3 4.
        #expect(coverage["15"] == ["0.8": 6.0 / 12, "0.95": 4.0 / 12])
    }

    /// Naive on i.i.d. N(0, 1): residuals s_{t+k} − s_t are exchangeable across origins,
    /// so the conformal 80 % and 95 % intervals calibrated on 3,000 validation origins
    /// cover 80 % and 95 % of 3,000 test targets, within 3 and 1.5 points (a few standard
    /// errors of a share estimated on 3,000 origins).
    @Test func conformalIntervalsCoverTheirLevelOnIIDNoise() throws {
        var rng = SplitMix64(seed: 2026)
        let values = (0..<20_000).map { _ in rng.nextGaussian() }
        let plan = try EvaluationPlan(series: Self.timeSeries(values))
        let report = try Evaluator().evaluate(Naive(), plan: plan)
        let coverage = try #require(report.coverage)
        #expect(Set(coverage.keys) == ["5", "15", "30"])
        for (minutes, byLevel) in coverage {
            let eighty = try #require(byLevel["0.8"]), ninetyFive = try #require(byLevel["0.95"])
            #expect(abs(eighty - 0.8) < 0.03, "\(minutes) min: 80 % interval covers \(eighty)")
            #expect(abs(ninetyFive - 0.95) < 0.015, "\(minutes) min: 95 % interval covers \(ninetyFive)")
        }
        // The protocol's scores do not depend on whether coverage is computed.
        let without = try Evaluator(clock: ContinuousClock(), coverageLevels: []).evaluate(Naive(), plan: plan)
        #expect(without.coverage == nil)
        for (key, score) in report.horizons {
            #expect(without.horizons[key]?.mae == score.mae && without.horizons[key]?.rmse == score.rmse)
        }
    }

    /// The report's JSON carries `coverage` keyed by minutes and level.
    @Test func reportJSONCarriesCoverage() throws {
        var rng = SplitMix64(seed: 3)
        let plan = try EvaluationPlan(series: Self.timeSeries((0..<600).map { _ in rng.nextGaussian() }))
        let report = try Evaluator().evaluate(Naive(), plan: plan)
        let data = try JSONEncoder().encode(report)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let coverage = try #require(object["coverage"] as? [String: [String: Double]])
        #expect(Set(coverage.keys) == ["5", "15", "30"] && Set(coverage["15"].map { Array($0.keys) } ?? []) == ["0.8", "0.95"])
        let written = try #require(coverage["5"]?["0.8"]), computed = try #require(report.coverage?["5"]?["0.8"])
        #expect(abs(written - computed) < 1e-12)
    }
}
