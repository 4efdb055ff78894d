import Foundation

/// The on-disk form of a fitted Prophet-style model (JSON):
/// `{"format_version": 2, "kind": "prophet-style", "model": {…}}`. Format 2 added the
/// trend's `growth` (linear or logistic with a capacity); format-1 files load as linear. The model carries the
/// design (start, time scale, changepoints, seasonalities), θ, σ, the y scale, β, the
/// conditioned residual ARIMA (when on) and the grid of its history, so a loaded artifact
/// forecasts exactly what the saved model did.
public typealias ProphetArtifact = ModelArtifact<FittedProphetStyle>

extension FittedProphetStyle: ArtifactModel {
    public static var artifactFormatVersion: Int { 2 }
    public static var defaultArtifactKind: String { "prophet-style" }

    public static func unsupportedArtifactVersion(found: Int, supported: Int) -> any Error {
        ProphetError.unsupportedArtifactVersion(found: found, supported: supported)
    }

    /// The residual ARIMA, when present, must be consistent on its own.
    public func checkArtifactConsistency() throws {
        if let residual = residualModel { try residual.checkConsistency() }
    }
}
