import Foundation
import Kernels
import Series

/// Seasonal ARIMA(p,d,q)(P,D,Q)_s fitted by exact maximum likelihood (see `ARIMAOrder`).
///
/// Estimation, as statsmodels' `ARIMA` and R's `arima(method = "CSS-ML")` do:
/// 1. w = (1 − B)ᵈ(1 − Bˢ)ᴰ y (differencing inside the likelihood with a diffuse prior on
///    the integrated states is the same as filtering w from its stationary distribution);
/// 2. start values from conditional sum of squares (CSS);
/// 3. maximise the exact concentrated Gaussian likelihood (`ARMALikelihood`) over
///    unconstrained parameters that map onto stationary AR and invertible MA polynomials,
///    with our L-BFGS and central-difference gradients.
///
/// A constant (flat) w has no likelihood maximum; the fit then falls back to zero ARMA
/// coefficients, μ = w₀ when a constant is included, and σ² = 0 (forecasts continue the
/// flat or linear path exactly; intervals have zero width). `FittedARIMA.note` says so.
public struct ARIMA: Forecaster {
    public var specification: ARIMASpecification
    /// Central coverages of the prediction intervals, each in (0, 1).
    public var intervalLevels: [Double]
    public var optimizer: LBFGS

    public init(
        order: ARIMAOrder = ARIMAOrder(p: 1, d: 1, q: 1),
        seasonal: SeasonalOrder = .none,
        includeConstant: Bool = false,
        intervalLevels: [Double] = [0.8, 0.95],
        optimizer: LBFGS = LBFGS(maxIterations: 200, gradientTolerance: 1e-6, relativeFunctionTolerance: 1e-11)
    ) {
        specification = ARIMASpecification(order: order, seasonal: seasonal, includeConstant: includeConstant)
        self.intervalLevels = intervalLevels
        self.optimizer = optimizer
    }

    public var name: String { "arima" }

    public func fit(_ data: FitData) throws -> FittedARIMA {
        try fit(series: data.series)
    }

    /// Fits on every value of `series` (train + validation in the evaluation protocol).
    public func fit(series: RegularSeries) throws(ARIMAError) -> FittedARIMA {
        for level in intervalLevels where !(level > 0 && level < 1) { throw .invalidCoverage(level) }
        let estimate = try ARIMAEstimator(specification: specification, optimizer: optimizer).estimate(series.values)
        var fitted = try FittedARIMA(
            specification: specification, coefficients: estimate.coefficients, sigma2: estimate.sigma2,
            summary: estimate.summary, intervalLevels: intervalLevels, history: series.values)
        try fitted.tabulateEmpiricalErrors(history: series.values, interval: series.interval)
        return fitted
    }
}

/// What the likelihood search found, for reports and model selection.
public struct ARIMAFitSummary: Sendable, Codable, Equatable {
    /// Maximised log-likelihood ℓ (exact, of the differenced series).
    public var logLikelihood: Double
    /// Observations in the likelihood: n − d − sD.
    public var observations: Int
    /// Estimated parameters including σ²: k = p + q + P + Q + [constant] + 1.
    public var parameterCount: Int
    public var iterations: Int
    public var converged: Bool
    /// Set when a documented fallback replaced the likelihood fit.
    public var note: String?
    /// Candidates fitted by an order search (AutoARIMA); nil for a fixed order.
    public var modelsTried: Int?

    /// AIC = −2ℓ + 2k.
    public var aic: Double { -2 * logLikelihood + 2 * Double(parameterCount) }
    /// AICc = AIC + 2k(k + 1)/(n − k − 1) (∞ when n ≤ k + 1).
    public var aicc: Double {
        let n = Double(observations), k = Double(parameterCount)
        return n - k - 1 > 0 ? aic + 2 * k * (k + 1) / (n - k - 1) : .infinity
    }
    /// BIC = −2ℓ + k log n.
    public var bic: Double { -2 * logLikelihood + Double(parameterCount) * Foundation.log(Double(observations)) }
}
