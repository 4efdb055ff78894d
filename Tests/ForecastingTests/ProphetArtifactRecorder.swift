import Foundation
import Forecasting
import Testing

/// Writes Fixtures/prophet_artifact_v1.json when RECORD_PROPHET_ARTIFACT names a path
/// (recorded once with the format-1 build; the file must never be re-recorded by a later
/// format, it is what "older artifacts still load" is checked against).
@Test func recordProphetArtifactFixture() throws {
    guard let path = ProcessInfo.processInfo.environment["RECORD_PROPHET_ARTIFACT"] else { return }
    let fitted = try ProphetStyle(recentPast: .autoARIMA).fit(series: ProphetBehaviourTests.dailySeries(count: 600))
    try ProphetArtifact(model: fitted).encoded().write(to: URL(fileURLWithPath: path))
    print(try fitted.predict(steps: 3))
}
