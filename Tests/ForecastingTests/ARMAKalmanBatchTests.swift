@testable import Forecasting
import Kernels
import Testing

/// `ARMAKalmanFilter.accumulate(batch:)` runs the steady phases of several filters as SIMD
/// lanes; every lane must give exactly (==) what `accumulate` gives for that filter alone.
@Suite struct ARMAKalmanBatchTests {
    /// A simulated ARMA(2,1) path of 1,500 points with a level, and a regressor column.
    static let x: [Double] = {
        var rng = SplitMix64(seed: 7)
        var x1 = 0.0, x2 = 0.0, e1 = 0.0
        return (0..<1500).map { _ in
            let e = rng.nextGaussian()
            let x = 0.5 * x1 - 0.2 * x2 + e + 0.3 * e1
            (x2, x1, e1) = (x1, x, e)
            return x + 2
        }
    }()
    static let z: [Double] = (0..<1500).map { Double($0 % 17) / 17 }

    /// Coefficients (φ, θ) near a base point, as a forward-difference gradient probes them.
    static func probes(ar: [Double], ma: [Double], count: Int) -> [([Double], [Double])] {
        (0..<count).map { k in
            var a = ar, m = ma
            if k > 0 {
                let i = (k - 1) % (ar.count + ma.count)
                if i < ar.count { a[i] += 1.5e-8 * Double(k) } else { m[i - ar.count] += 1.5e-8 * Double(k) }
            }
            return (a, m)
        }
    }

    @discardableResult
    static func check(_ probes: [([Double], [Double])], withMean: Bool, regressor: [Double]?) -> [ARMAKalmanFilter] {
        var singles = probes.map { ARMAKalmanFilter(ar: $0.0, ma: $0.1) }
        let expected = singles.indices.map { singles[$0].accumulate(x, withMean: withMean, regressor: regressor) }
        var batch = probes.map { ARMAKalmanFilter(ar: $0.0, ma: $0.1) }
        let sums = ARMAKalmanFilter.accumulate(batch: &batch, x, withMean: withMean, regressor: regressor)
        #expect(sums.count == probes.count)
        for (l, (s, e)) in zip(sums, expected).enumerated() {
            #expect(s.vv == e.vv && s.vu == e.vu && s.uu == e.uu && s.logF == e.logF, "lane \(l): \(s) vs \(e)")
            // The end state (for forecasting and later blocks) is the one-filter state too.
            #expect(batch[l] == singles[l], "lane \(l)")
        }
        return batch
    }

    /// 1 to 9 lanes (SIMD2 and SIMD4 groups, a partial last group), with and without the
    /// mean column and with a regressor column.
    @Test(arguments: [1, 2, 3, 5, 9]) func lanesEqualOneFilterEach(_ lanes: Int) {
        let probes = Self.probes(ar: [0.5, -0.2], ma: [0.3, 0.1], count: lanes)
        let settled = Self.check(probes, withMean: false, regressor: nil)
        #expect(!settled.contains { !$0.steady })
        Self.check(probes, withMean: true, regressor: nil)
        Self.check(probes, withMean: true, regressor: Self.z)
    }

    /// An MA root at 1/0.999: P has not converged by the end of the block, so there is no
    /// steady phase to share; an MA(1) at 0.9 beside it converges early.
    @Test func filterThatNeverSettlesAndMixedStateSizes() {
        let unsettled = Self.check(Self.probes(ar: [], ma: [-0.999], count: 3), withMean: true, regressor: nil)
        #expect(!unsettled.contains { $0.steady })
        let mixed = Self.check([([0.5, -0.2, 0.1], [0.3]), ([], [0.9]), ([0.4], [])], withMean: true, regressor: nil)
        #expect(!mixed.contains { !$0.steady })
    }

    /// The batched likelihoods equal `ARMALikelihood(w:coefficients:…)` one at a time.
    @Test func batchedLikelihoodEqualsOneAtATime() {
        let coefficients = Self.probes(ar: [0.5, -0.2], ma: [0.3], count: 4).map { ARIMACoefficients(ar: $0.0, ma: $0.1) }
        let batch = ARMALikelihood.batch(w: Self.x, coefficients: coefficients, period: 0, estimateMean: true)
        for (b, c) in zip(batch, coefficients) {
            let one = ARMALikelihood(w: Self.x, coefficients: c, period: 0, estimateMean: true)
            #expect(b.concentratedLogLikelihood == one.concentratedLogLikelihood)
            #expect(b.mean == one.mean)
        }
        // The GLS mean of this path (level 2) is near 2.
        #expect(abs(batch[0].mean - 2) < 0.2)
    }
}
