@testable import Forecasting
import Kernels
import TestSupport
import Testing

@Suite struct ARIMAConditionalSumOfSquaresTests {
    static let w: [Double] = {
        var rng = SplitMix64(seed: 99)
        var e = 0.0, x = 0.0
        return (0..<200).map { _ in
            let shock = rng.nextGaussian()
            x = 0.3 + 0.5 * x + shock - 0.4 * e
            e = shock
            return x
        }
    }()

    /// The analytic gradient against central differences of S, with and without the profiled mean.
    @Test(arguments: [false, true]) func gradientMatchesFiniteDifferences(_ estimateMean: Bool) {
        let phi = [0.4, -0.1, 0.05], theta = [-0.3, 0.2]
        let css = ConditionalSumOfSquares(w: Self.w, ar: phi, ma: theta, mean: 0.1, estimateMean: estimateMean, withGradient: true)
        let params = phi + theta
        var numeric = [Double](repeating: 0, count: params.count)
        _ = centralDifferenceGradient(at: params, into: &numeric) { c in
            ConditionalSumOfSquares(w: Self.w, ar: Array(c[0..<3]), ma: Array(c[3..<5]), mean: 0.1,
                                    estimateMean: estimateMean, withGradient: false).sumSquares
        }
        #expect(firstMismatch(css.gradient, numeric, rel: 1e-6, abs: 1e-6) == nil, "\(css.gradient) vs \(numeric)")
    }

    /// The SIMD-lane filters for every AR length: 1 (two lanes), 5 (eight lanes), 9 and 20
    /// (sixteen-lane passes of 15 lags: the seasonal shapes), with long MA parts too.
    @Test(arguments: [(1, 0), (0, 3), (5, 1), (9, 2), (20, 13)])
    func gradientMatchesFiniteDifferencesForEveryLaneWidth(_ shape: (p: Int, q: Int)) {
        let phi = (0..<shape.p).map { 0.3 / Double(($0 + 1) * ($0 + 1)) }
        let theta = (0..<shape.q).map { -0.25 / Double(($0 + 1) * ($0 + 2)) }
        for estimateMean in [false, true] {
            let css = ConditionalSumOfSquares(w: Self.w, ar: phi, ma: theta, mean: 0.1, estimateMean: estimateMean, withGradient: true)
            let params = phi + theta
            var numeric = [Double](repeating: 0, count: params.count)
            _ = centralDifferenceGradient(at: params, into: &numeric) { c in
                ConditionalSumOfSquares(w: Self.w, ar: Array(c[0..<shape.p]), ma: Array(c[shape.p...]), mean: 0.1,
                                        estimateMean: estimateMean, withGradient: false).sumSquares
            }
            #expect(firstMismatch(css.gradient, numeric, rel: 1e-6, abs: 1e-6) == nil, "\(shape) mean=\(estimateMean): \(css.gradient) vs \(numeric)")
        }
    }

    /// The profiled mean minimises S: moving μ either way increases it.
    @Test func profiledMeanMinimisesSumOfSquares() {
        let phi = [0.5], theta = [-0.4]
        let best = ConditionalSumOfSquares(w: Self.w, ar: phi, ma: theta, mean: 0, estimateMean: true, withGradient: false)
        for delta in [-0.01, 0.01] {
            let moved = ConditionalSumOfSquares(w: Self.w, ar: phi, ma: theta, mean: best.mean + delta, estimateMean: false, withGradient: false)
            #expect(moved.sumSquares > best.sumSquares)
        }
        // Mean of this simulated ARMA(1,1): 0.3 / (1 − 0.5) = 0.6, up to sampling error.
        #expect(abs(best.mean - 0.6) < 0.3)
    }
}
