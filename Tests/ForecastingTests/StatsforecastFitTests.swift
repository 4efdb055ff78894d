import Foundation
@testable import Forecasting
import TestSupport
import Testing

/// The pieces that make an AutoARIMA candidate's fit stop where statsforecast 2.1.1's stops:
/// SciPy's BFGS, statsforecast's CSS and CSS-ML fits, and R's MA root inversion. Reference
/// numbers from SciPy 1.17.1 and statsforecast 2.1.1 (the venv of
/// Reference/statsforecast-venv.sh), printed by hand with the calls quoted below.
@Suite struct StatsforecastFitTests {
    static func rosenbrock(_ x: [Double]) -> Double {
        var s = 0.0
        for i in 0..<(x.count - 1) { s += 100 * (x[i + 1] - x[i] * x[i]) * (x[i + 1] - x[i] * x[i]) + (1 - x[i]) * (1 - x[i]) }
        return s
    }

    /// `minimize(rosen, [-1.2, 1.0, 0.5], method="BFGS", tol=1e-8, options={"maxiter": k})`
    /// for k = 1, 2, 3 (the same sum as above in Python): the same iterates to 1e-12.
    @Test func bfgsTakesSciPysSteps() {
        let expected: [(x: [Double], f: Double)] = [
            ([-0.8687004653109485, 0.8278963240053894, 0.6536639817953889], 4.1590984212357665),
            ([-0.8815290303105108, 0.8023453291263818, 0.662368228556434], 3.6776186548637546),
            ([-0.8584447364263799, 0.7431521681632597, 0.5467410577238763], 3.5267250761407145),
        ]
        for (k, step) in expected.enumerated() {
            let result = SciPyBFGS(gtol: 1e-8, maxIterations: k + 1).minimize(from: [-1.2, 1.0, 0.5]) { $0.map(Self.rosenbrock) }
            #expect(result.iterations == k + 1)
            #expect(result.status == 1, "iteration limit")
            for i in 0..<3 { #expect(abs(result.point[i] - step.x[i]) <= 1e-12, "iteration \(k + 1), x[\(i)] = \(result.point[i])") }
            #expect(abs(result.value - step.f) <= 1e-12 * step.f)
        }
        // Run to the end: SciPy stops with status 2 (precision loss) at f ≈ 3.6e-11 near (1, 1, 1).
        let end = SciPyBFGS().minimize(from: [-1.2, 1.0, 0.5]) { $0.map(Self.rosenbrock) }
        #expect(end.status == 2)
        #expect(end.value < 1e-9)
        for v in end.point { #expect(abs(v - 1) < 1e-4) }
    }

    /// myarima(y, order=(1,1,2), constant=True, ic="aicc", approximation=True / False) on the
    /// differential series 0xf0003 (trend, 1,337 points): the CSS fit, and the CSS-ML fit,
    /// which never leaves the CSS point (statsforecast's Kalman state after its first call).
    @Test func cssAndExactFitsMatchStatsforecastWithDrift() throws {
        let y = try DifferentialSeries.generate(seed: 0xF0003, kind: "trend", length: 1337)
        let spec = ARIMASpecification(order: ARIMAOrder(p: 1, d: 1, q: 2), includeConstant: true)
        let fit = try StatsforecastFit(specification: spec, series: y)
        let css = try fit.css()
        let expected = [-0.18546643305329605, -1.4755062630912434, 0.4817743993593432, -0.0116538572594914]
        for (got, want) in zip(css.point, expected) { #expect(abs(got - want) <= 1e-6, "CSS \(css.point)") }
        #expect(abs(css.estimate.summary.logLikelihood - -2416.8352889178923) <= 1e-5)
        let exact = try fit.exact(css: css)
        #expect(abs(exact.summary.logLikelihood - -2416.326653939052) <= 1e-4)
        #expect(abs(exact.coefficients.ar[0] - -0.18546643305329602) <= 1e-6)
        #expect(abs(exact.coefficients.constant - -0.0116538572594914) <= 1e-6)
        // MA roots 1.012 and 2.05: usable, already invertible, so nothing was inverted.
        #expect(exact.optimised?.ma == exact.coefficients.ma)
    }

    /// The same for 0xf0020 (noise, 3,221 points), (1,0,3) with mean: without differencing
    /// the ML objective is the exact likelihood throughout and BFGS moves.
    @Test func exactFitMatchesStatsforecastWithMean() throws {
        let y = try DifferentialSeries.generate(seed: 0xF0020, kind: "noise", length: 3221)
        let spec = ARIMASpecification(order: ARIMAOrder(p: 1, d: 0, q: 3), includeConstant: true)
        let fit = try StatsforecastFit(specification: spec, series: y)
        let css = try fit.css()
        let cssExpected = [-0.9044386406946193, 0.8975582762363062, -0.049167276049879007, -0.05439537864690053, 9.966401259996447]
        for (got, want) in zip(css.point, cssExpected) { #expect(abs(got - want) <= 1e-5, "CSS \(css.point)") }
        #expect(abs(css.estimate.summary.logLikelihood - -5146.376781532159) <= 1e-4)
        let exact = try fit.exact(css: css)
        #expect(abs(exact.summary.logLikelihood - -5146.165831287837) <= 1e-3)
        #expect(abs(exact.coefficients.ar[0] - -0.9150451593002441) <= 1e-3)
        let ma = [0.9079348055837317, -0.04927642559879154, -0.054041948284552284]
        for (got, want) in zip(exact.coefficients.ma, ma) { #expect(abs(got - want) <= 1e-3, "MA \(exact.coefficients.ma)") }
        #expect(abs(exact.coefficients.constant - 9.966484000474125) <= 1e-3)
    }

    /// R's maInvert: θ(z) = (1 − 2z)(1 + 0.5z) = 1 − 1.5z − z² has a root at 0.5; inverted
    /// it becomes (1 − 0.5z)(1 + 0.5z) = 1 − 0.25z². MA(1): θ → 1/θ. Invertible input stays.
    @Test func maInversionFlipsRootsInsideTheUnitCircle() {
        let inverted = MAInversion.invertible([-1.5, -1.0])
        #expect(abs(inverted[0]) <= 1e-12)
        #expect(abs(inverted[1] - -0.25) <= 1e-12)
        #expect(MAInversion.invertible([-2.0, 0]) == [-0.5, 0])
        #expect(MAInversion.invertible([0.4, 0.1]) == [0.4, 0.1])
        #expect(MAInversion.invertible([]) == [])
    }

    /// The likelihood concentrated over σ² does not change when a root is inverted; σ² does
    /// (by the squared modulus of the root, here 2² = 4).
    @Test func inversionKeepsTheLikelihood() throws {
        let y = try DifferentialSeries.generate(seed: 0xC1000, kind: "arma", length: 400)
        let raw = ARIMACoefficients(ma: [-1.5, -1.0])
        let flipped = raw.withInvertibleMA()
        let a = ARMALikelihood(w: y, coefficients: raw, period: 1, estimateMean: true)
        let b = ARMALikelihood(w: y, coefficients: flipped, period: 1, estimateMean: true)
        #expect(abs(a.concentratedLogLikelihood - b.concentratedLogLikelihood) <= 1e-6 * abs(a.concentratedLogLikelihood))
        #expect(abs(b.sigma2 / a.sigma2 - 4) <= 1e-3)
    }
}
