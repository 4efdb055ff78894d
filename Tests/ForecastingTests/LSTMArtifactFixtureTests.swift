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

    /// `predict(steps: 6)` of the format-2 fixture (the same configuration and data, fitted
    /// again at main 1d7c5ba, with its residual calibration).
    static let forecastV2: [Double] = [
        0.7253487271792193, 0.7236388786204162, 0.7272022308315502, 0.7388561182955855, 0.7226500309303937, 0.7246227249436907,
    ]

    static func data(version: Int = 1) throws -> Data {
        let url = try #require(Bundle.module.url(forResource: "lstm_artifact_v\(version)", withExtension: "json", subdirectory: "Fixtures"))
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

    /// Format 2 (with a residual calibration, before quantile heads) loads as conformal with
    /// point-only heads, forecasts the recorded path and gives its calibrated bounds: the
    /// path plus the stored residual quantiles of each step.
    @Test func committedVersionTwoArtifactStillLoadsWithItsCalibration() throws {
        let artifact = try LSTMArtifact.load(from: LSTMArtifactFixture.data(version: 2))
        #expect(artifact.formatVersion == 2 && artifact.quantileHeads == nil)
        #expect(artifact.configuration.intervals == .conformal && artifact.architecture.headOutputs == [1, 3, 6])
        let calibration = try #require(artifact.calibration)
        let path = try artifact.forecastPath(history: LSTMArtifactFixture.history, steps: 6, levels: [0.8, 0.95])
        #expect(zip(path.mean, LSTMArtifactFixture.forecastV2).allSatisfy { abs($0 - $1) < 1e-5 }, "\(path.mean)")
        let bounds = try #require(path.intervals)
        for (i, level) in [0.8, 0.95].enumerated() {
            let row = try #require(calibration.levels.firstIndex(of: level))
            for k in 0..<6 {
                #expect(abs(bounds.lower[i][k] - (path.mean[k] + calibration.lower[row][k])) < 1e-12)
                #expect(abs(bounds.upper[i][k] - (path.mean[k] + calibration.upper[row][k])) < 1e-12)
            }
        }
        // Saved again, it is written as the current format and reads back equal.
        let again = try LSTMArtifact.load(from: artifact.jsonData())
        #expect(again.parameters == artifact.parameters && again.calibration == artifact.calibration && again.quantileHeads == nil)
    }
}
