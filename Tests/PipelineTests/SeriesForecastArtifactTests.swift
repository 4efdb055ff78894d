import Forecasting
import Foundation
import Ingest
import Series
import TestSupport
import Testing
@testable import Pipeline

/// `fitAndForecastSeries`: the artifact it returns forecasts the printed path from the raw series.
@Suite struct SeriesForecastArtifactTests {
    @Test(arguments: [ModelKind.naive, .arima, .prophet])
    func artifactReproducesTheReport(kind: ModelKind) throws {
        let folder = try TemporaryFolder()
        let lines = ["timestamp,value"] + (0..<600).map { i in
            "\(1_700_000_000 + 300 * i),\(50 + 10 * sin(2 * Double.pi * Double(i) / 288) + 0.5 * sin(Double(i) * 1.7))"
        }
        let path = try folder.file("series.csv", lines.joined(separator: "\n") + "\n")
        let request = SeriesForecastRequest(dataPath: path, model: ModelSpec(kind: kind), minutes: 30)
        let fitted = try fitAndForecastSeries(request, now: { 0 })
        let (report, artifact) = (fitted.report, fitted.artifact)
        let loaded = try ArtifactLoader.load(try artifact.encoded())
        let raw = try CSVSeriesReader.read(path: path).series
        let again = try loaded.forecast(rawHistory: raw, steps: 6)
        let printed = report.forecasts.map(\.value)
        #expect(zip(again, printed).allSatisfy { abs($0 - $1) <= 1e-9 * 50 }, "\(again) vs \(printed)")
        #expect(loaded.kind == kind && loaded.data.trainCount == 600 - 90)
    }
}
