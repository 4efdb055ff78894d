import Forecasting
import Series
import TestSupport
import Testing

/// Our Kalman likelihood, MLE and forecasts against statsmodels 0.15 (`ARIMA`, default
/// settings) on the simulated series of Reference/make_arima_reference.py.
@Suite struct ARIMAReferenceTests {
    static let cases: [ARIMAReferenceCase] = (try? ARIMAReferenceCase.load()) ?? []

    @Test func referenceFileLoads() {
        #expect(Self.cases.count == 4)
    }

    /// statsmodels approximates the diffuse prior with variance 1e6; we filter the
    /// differenced series exactly, so log-likelihoods agree to ~1e-6 relative.
    @Test(arguments: 0..<4) func logLikelihoodAtFixedParameters(_ index: Int) throws {
        let ref = try #require(Self.cases.indices.contains(index) ? Self.cases[index] : nil)
        for point in ref.loglike_at {
            let (c, sigma2) = ref.coefficients(point.params)
            let ours = try ARIMA.logLikelihood(of: ref.series, specification: ref.specification, coefficients: c, sigma2: sigma2)
            #expect(isClose(ours, point.llf, rel: 1e-6, abs: 1e-6), "\(ref.name) at \(point.params): \(ours) vs \(point.llf)")
        }
    }

    /// The fitted maximum: ours must be at least as high as statsmodels' (same
    /// objective) and the parameters and forecasts close. Case 3 has Φ₁ → 1 (a boundary
    /// optimum) and is checked on the likelihood only.
    @Test(arguments: 0..<4) func maximumLikelihoodFitMatches(_ index: Int) throws {
        let ref = try #require(Self.cases.indices.contains(index) ? Self.cases[index] : nil)
        let spec = ref.specification
        let model = ARIMA(order: spec.order, seasonal: spec.seasonal, includeConstant: spec.includeConstant)
        let fitted = try model.fit(series: RegularSeries(name: ref.name, start: 0, interval: 300, values: ref.series))
        #expect(fitted.summary.logLikelihood >= ref.llf - 1e-4, "\(ref.name): ℓ \(fitted.summary.logLikelihood) vs \(ref.llf)")
        guard ref.name != "sarima_100_101_4" else { return }
        #expect(isClose(fitted.summary.logLikelihood, ref.llf, abs: 1e-3))
        #expect(isClose(fitted.summary.aicc, ref.aicc, abs: 2e-3), "\(ref.name): AICc \(fitted.summary.aicc) vs \(ref.aicc)")
        let (expected, sigma2) = ref.coefficients(ref.params)
        let got = fitted.coefficients
        for (a, b) in zip(got.ar + got.ma + got.seasonalAR + got.seasonalMA + [got.constant],
                          expected.ar + expected.ma + expected.seasonalAR + expected.seasonalMA + [expected.constant]) {
            #expect(abs(a - b) < 2e-3, "\(ref.name): coefficient \(a) vs \(b)")
        }
        #expect(isClose(fitted.sigma2, sigma2, rel: 2e-3))

        let scale = (ref.series.max()! - ref.series.min()!)
        let intervals = try fitted.predictIntervals(steps: 12, levels: [0.8, 0.95], method: .gaussian)
        for h in 0..<12 {
            #expect(abs(intervals.mean[h] - ref.forecast[h]) < 1e-3 * scale, "\(ref.name) h=\(h + 1): \(intervals.mean[h]) vs \(ref.forecast[h])")
            let ourWidth80 = intervals.upper[0][h] - intervals.lower[0][h]
            let refWidth80 = ref.upper80[h] - ref.lower80[h]
            #expect(isClose(ourWidth80, refWidth80, rel: 1e-2), "\(ref.name) h=\(h + 1): 80 % width \(ourWidth80) vs \(refWidth80)")
            let ourWidth95 = intervals.upper[1][h] - intervals.lower[1][h]
            let refWidth95 = ref.upper95[h] - ref.lower95[h]
            #expect(isClose(ourWidth95, refWidth95, rel: 1e-2), "\(ref.name) h=\(h + 1): 95 % width \(ourWidth95) vs \(refWidth95)")
        }
    }
}
