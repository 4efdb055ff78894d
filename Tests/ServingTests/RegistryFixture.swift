import Forecasting
import Foundation
import Series
import Serving
import TestSupport
import Tracking

/// A real SQLite registry in a temporary folder, with helpers to fit, log and promote
/// artifacts the way the pipelines' `register` stage does.
struct RegistryFixture {
    let folder: TemporaryFolder
    let location: RegistryLocation
    let registry: Registry

    init() throws {
        folder = try TemporaryFolder(prefix: "serving-tests")
        location = RegistryLocation(databasePath: folder.url.appendingPathComponent("registry.sqlite").path)
        registry = try Registry.open(location)
    }

    /// Logs `artifact` in a new run and promotes it as `model`, moving `alias` to it.
    @discardableResult
    func promote(_ artifact: FittedModelArtifact, model: String, alias: String? = "production") throws -> Promotion {
        let run = try registry.createRun(RunSpec(experiment: "serving-tests"))
        _ = try registry.logArtifact(run: run, name: "model.json", kind: "model", data: try artifact.encoded())
        try registry.setStatus(run: run, .finished)
        return try registry.promote(run: run, model: model, artifact: nil, alias: alias, reason: "test")
    }

    /// The file on disk of a promotion's artifact.
    func artifactFile(_ promotion: Promotion) -> URL {
        URL(fileURLWithPath: location.artifactsPath).appendingPathComponent(promotion.artifact.path)
    }
}

/// Deterministic test series on a one-minute grid starting at `start`.
enum TestSeries {
    static let start = 1_767_571_200.0

    /// A gauge: 2 + sin(2πt/60) cores + a small deterministic wiggle, n points.
    static func cpu(_ n: Int, interval: Double = 60) -> TimeSeries {
        let values = (0..<n).map { t in 2 + sin(2 * Double.pi * Double(t) / 60) + 0.05 * sin(Double(t) * 1.7) }
        return TimeSeries(name: "cpu", timestamps: (0..<n).map { start + Double($0) * interval }, values: values)
    }

    /// A cumulative byte counter growing about 1000 B/s (± 10 %).
    static func counter(_ n: Int) -> TimeSeries {
        var total = 5_000_000.0
        var values: [Double] = []
        for t in 0..<n {
            values.append(total)
            total += 60 * (1000 + 100 * sin(Double(t) * 0.9))
        }
        return TimeSeries(name: "network_rx", timestamps: (0..<n).map { start + Double($0) * 60 }, values: values)
    }

    static func grid(_ series: TimeSeries) throws -> RegularSeries { try RegularGrid(series).series }

    /// An ARIMA(1,0,0)-family artifact fitted on `series` (85 % train), as `forecastSeries` fits.
    static func artifact(_ kind: ModelKind, on series: TimeSeries, preprocessing: PreprocessingSpec? = nil) throws -> FittedModelArtifact {
        let grid = try grid(series)
        return try ModelSpec(kind: kind).fitArtifact(series: grid, trainCount: grid.count * 85 / 100, steps: 30, preprocessing: preprocessing)
    }
}
