import Foundation
@testable import Forecasting
import Series
import Testing

/// The LSTM artifact committed in Fixtures/lstm_artifact_v1.json (written by
/// `recordLSTMArtifactFixture` in LSTMArtifact format 1, before the common envelope).
enum LSTMArtifactFixture {
    static let configuration = LSTMTrainingTests.configuration(epochs: 2)
    static let history = LSTMTrainingTests.series().prefix(255)
    static let trainCount = 210
    /// `predict(steps: 6)` of the recorded model on `history`.
    static let forecast: [Double] = [
        0.7253487271792193, 0.723638878047522, 0.7272022314044445, 0.7388561182955855, 0.7226500309303937, 0.7246227245140201,
    ]

    static func data() throws -> Data {
        let url = try #require(Bundle.module.url(forResource: "lstm_artifact_v1", withExtension: "json", subdirectory: "Fixtures"))
        return try Data(contentsOf: url)
    }
}

@Suite struct LSTMArtifactFixtureTests {
    /// Format 1 keeps loading and forecasting the recorded path. The tolerance allows for
    /// Float32 rounding changes in the inference kernels, not for a different model.
    @Test func committedVersionOneArtifactStillLoads() throws {
        let artifact = try LSTMArtifact.load(from: LSTMArtifactFixture.data())
        #expect(artifact.formatVersion == 1)
        let path = try FittedLSTM(artifact: artifact, history: LSTMArtifactFixture.history).predict(steps: 6)
        #expect(path.count == LSTMArtifactFixture.forecast.count)
        #expect(zip(path, LSTMArtifactFixture.forecast).allSatisfy { abs($0 - $1) < 1e-5 }, "\(path)")
    }
}
