import Foundation
import Forecasting
import TestSupport
import Testing

@Suite struct ProphetArtifactTests {
    /// A format-1 artifact (linear growth, residual AutoARIMA) committed in Fixtures keeps
    /// loading and forecasting the same numbers under every later format.
    @Test func committedVersionOneArtifactStillLoads() throws {
        let url = try #require(Bundle.module.url(forResource: "prophet_artifact_v1", withExtension: "json", subdirectory: "Fixtures"))
        let artifact = try ProphetArtifact.decode(Data(contentsOf: url))
        #expect(artifact.formatVersion == 1)
        let path = try artifact.model.predict(steps: 3)
        #expect(firstMismatch(path, [0.6517443296787011, 0.6439705579662292, 0.6517170046835652], rel: 1e-15) == nil)
    }
}
