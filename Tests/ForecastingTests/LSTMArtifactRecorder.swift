import Foundation
@testable import Forecasting
import Testing

/// Writes the tiny seeded LSTM of `LSTMArtifactFixture` (hidden 4, 2 epochs) to the path
/// RECORD_LSTM_ARTIFACT names, in the current LSTMArtifact format, and prints the forecast
/// the fixture tests record: Fixtures/lstm_artifact_v1.json was written in format 1
/// (`LSTMArtifactFixture.forecast`), lstm_artifact_v2.json in format 2 at main 1d7c5ba
/// (`forecastV2`). Committed fixtures are never re-recorded: they pin what older builds wrote.
@Test func recordLSTMArtifactFixture() throws {
    guard let path = ProcessInfo.processInfo.environment["RECORD_LSTM_ARTIFACT"] else { return }
    let fitted = try LSTMForecaster(configuration: LSTMArtifactFixture.configuration, hooks: .init(now: { 0 }))
        .fit(FitData(series: LSTMArtifactFixture.history, trainCount: LSTMArtifactFixture.trainCount))
    try fitted.artifact.jsonData().write(to: URL(fileURLWithPath: path))
    print(try fitted.predict(steps: 6))
}
