import Foundation

/// The on-disk form of a fitted ARIMA-family model (JSON):
/// `{"format_version": 1, "kind": "arima", "model": {specification, coefficients, sigma2,
/// summary, intervalLevels, historyCount, tail, filter}}`.
///
/// The model carries its Kalman state and the last d + sD values, so a loaded artifact
/// forecasts exactly what the saved model did without the history.
public typealias ARIMAArtifact = ModelArtifact<FittedARIMA>

extension FittedARIMA: ArtifactModel {
    public static var artifactFormatVersion: Int { 1 }
    public static var defaultArtifactKind: String { "arima" }

    public static func unsupportedArtifactVersion(found: Int, supported: Int) -> any Error {
        ARIMAError.unsupportedArtifactVersion(found: found, supported: supported)
    }

    public func checkArtifactConsistency() throws { try checkConsistency() }

    /// Throws `.artifactMismatch` when coefficient counts, state sizes or the history tail
    /// disagree with the specification.
    func checkConsistency() throws(ARIMAError) {
        let s = specification, c = coefficients
        if c.ar.count != s.order.p || c.ma.count != s.order.q || c.seasonalAR.count != s.seasonal.p || c.seasonalMA.count != s.seasonal.q {
            throw .artifactMismatch("coefficient counts \(c.ar.count),\(c.ma.count),\(c.seasonalAR.count),\(c.seasonalMA.count) do not match \(s)")
        }
        let r = max(s.expandedARDegree, s.expandedMADegree + 1)
        if filter.r != r || filter.state.count != r || filter.covariance.count != r * r || filter.phi.count != r || filter.loading.count != r {
            throw .artifactMismatch("Kalman state of size \(filter.r) where \(s) needs \(r)")
        }
        if tail.count != s.differencingLag {
            throw .artifactMismatch("history tail of \(tail.count) values where \(s) needs \(s.differencingLag)")
        }
    }
}
