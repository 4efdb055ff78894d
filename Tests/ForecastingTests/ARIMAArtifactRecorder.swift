import Foundation
import Forecasting
import Testing

/// Writes Fixtures/arima_artifact_v1.json when RECORD_ARIMA_ARTIFACT names a path.
@Test func recordARIMAArtifactFixture() throws {
    guard let path = ProcessInfo.processInfo.environment["RECORD_ARIMA_ARTIFACT"] else { return }
    let fitted = try ARIMA().fit(series: ARIMAArtifactTests.series)
    try ARIMAArtifact(model: fitted).encoded().write(to: URL(fileURLWithPath: path))
    print(try fitted.predict(steps: 3))
}
