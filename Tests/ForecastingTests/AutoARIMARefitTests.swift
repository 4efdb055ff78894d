import Foundation
@testable import Forecasting
import Kernels
import Testing

/// AutoARIMA's exact-ML refits: abandoning a run that sits at the unit circle, and
/// starting from the search's CSS estimate.
@Suite struct AutoARIMARefitTests {
    /// A random walk differenced twice by ARIMA(0,2,1): the true MA polynomial is 1 − B,
    /// so the likelihood is highest at (or next to) θ₁ = −1 and the fit is rejected.
    static func randomWalk(count: Int, seed: UInt64) -> [Double] {
        var rng = SplitMix64(seed: seed)
        var level = 0.0
        return (0..<count).map { _ in level += rng.nextGaussian(); return level }
    }

    static func refit(_ y: [Double], patience: Int?) throws -> ARIMAEstimator.Estimate {
        var optimizer = ARIMA().optimizer
        optimizer.maxIterations = 50
        let spec = ARIMASpecification(order: ARIMAOrder(p: 0, d: 2, q: 2), seasonal: .none, includeConstant: false)
        var estimator = ARIMAEstimator(specification: spec, optimizer: optimizer, tryNearUnitMA: false)
        estimator.tryZeroStart = false
        estimator.forwardDifferences = true
        estimator.abandonAfterStepsNearUnitRoot = patience
        return try estimator.estimate(y)
    }

    static func hasRootInsideBand(_ e: ARIMAEstimator.Estimate) -> Bool {
        !ARIMAPolynomials.rootsOutside(e.coefficients.ma.map { -$0 }, radius: 1.01)
    }

    @Test func runAtTheUnitCircleIsAbandonedAndStillRejected() throws {
        let y = Self.randomWalk(count: 600, seed: 3)
        let full = try Self.refit(y, patience: nil)
        let abandoned = try Self.refit(y, patience: 3)
        // The full run ends inside the 1.01 band: AutoARIMA would reject it.
        #expect(Self.hasRootInsideBand(full))
        // The abandoned run stops earlier, at a point that is rejected just the same.
        #expect(Self.hasRootInsideBand(abandoned))
        #expect(!abandoned.summary.converged)
        #expect(abandoned.summary.iterations < full.summary.iterations)
    }

    @Test func usableRunIsNotAbandoned() throws {
        // An invertible MA(1) (θ = 0.4): never near the circle, so the patience never runs out.
        var rng = SplitMix64(seed: 5)
        var previous = 0.0, level = 0.0
        let y = (0..<600).map { _ -> Double in
            let e = rng.nextGaussian()
            level += e + 0.4 * previous
            previous = e
            return level
        }
        var optimizer = ARIMA().optimizer
        optimizer.maxIterations = 50
        let spec = ARIMASpecification(order: ARIMAOrder(p: 0, d: 1, q: 1), seasonal: .none, includeConstant: false)
        var estimator = ARIMAEstimator(specification: spec, optimizer: optimizer, tryNearUnitMA: false)
        let plain = try estimator.estimate(y)
        estimator.abandonAfterStepsNearUnitRoot = 1
        let watched = try estimator.estimate(y)
        #expect(watched.coefficients == plain.coefficients)
        #expect(abs(watched.coefficients.ma[0] - 0.4) < 0.1)
    }

    @Test func knownCSSStartGivesTheSameExactFit() throws {
        let y = Self.randomWalk(count: 400, seed: 8).enumerated().map { $1 + 0.5 * sin(Double($0) / 3) }
        let spec = ARIMASpecification(order: ARIMAOrder(p: 1, d: 1, q: 1), seasonal: .none, includeConstant: false)
        var css = ARIMAEstimator(specification: spec, optimizer: ARIMA().optimizer, tryNearUnitMA: false)
        css.method = .conditionalSumOfSquares
        let start = try css.estimate(y).coefficients
        var exact = ARIMAEstimator(specification: spec, optimizer: ARIMA().optimizer, tryNearUnitMA: false)
        exact.tryZeroStart = false
        let fromScratch = try exact.estimate(y)
        exact.cssStart = start
        let fromKnown = try exact.estimate(y)
        #expect(fromKnown.coefficients == fromScratch.coefficients)
        #expect(fromKnown.summary.logLikelihood == fromScratch.summary.logLikelihood)
    }
}
