import Foundation
@testable import Forecasting
import Testing

/// Writes Fixtures/lstm_artifact_v1.json when RECORD_LSTM_ARTIFACT names a path: the
/// tiny seeded LSTM of `LSTMArtifactFixture` (hidden 4, 2 epochs) in LSTMArtifact format 1,
/// and prints the forecast `LSTMArtifactFixture.forecast` records.
@Test func recordLSTMArtifactFixture() throws {
    guard let path = ProcessInfo.processInfo.environment["RECORD_LSTM_ARTIFACT"] else { return }
    let fitted = try LSTMForecaster(configuration: LSTMArtifactFixture.configuration, hooks: .init(now: { 0 }))
        .fit(FitData(series: LSTMArtifactFixture.history, trainCount: LSTMArtifactFixture.trainCount))
    try fitted.artifact.jsonData().write(to: URL(fileURLWithPath: path))
    print(try fitted.predict(steps: 6))
}
