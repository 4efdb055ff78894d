/// One model the AutoARIMA stepwise search fitted, in the order it was tried (R's and
/// statsforecast's `trace = TRUE` lines): the orders, the constant (mean or drift), how it
/// was fitted and its information criterion — the CSS AICc (−2ℓ_CSS + 2k + 2k(k+1)/(m−k−1))
/// during an approximate search, the exact-ML AICc during an exact search and for the
/// refits of the best candidates; ∞ when the fit failed or had a root inside |z| = 1.01.
public struct AutoARIMACandidate: Sendable, Equatable, CustomStringConvertible {
    public enum Fit: String, Sendable { case conditionalSumOfSquares = "css", exact = "ml" }

    public var specification: ARIMASpecification
    public var fit: Fit
    public var aicc: Double

    public var description: String { "\(specification) [\(fit.rawValue)] \(aicc)" }
}
