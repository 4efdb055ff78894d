import Forecasting
import Foundation
import Ingest
import Series
import TestSupport
import Testing

/// The protocol end to end (read → grid → split → scale → rolling origins → metrics)
/// against Reference/evaluation_reference.py, an independent numpy implementation.
@Suite struct EvaluationProtocolTests {
    static let fixtures = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!
    static let tolerance = 1e-9  // relative; the target is 1e-6

    struct Expected: Decodable {
        let n, filled, collapsed, n_train, n_val, n_test: Int
        let interval_seconds: Double
        let horizons: [String: Horizon]
        struct Horizon: Decodable {
            let steps, origins: Int
            let mae, rmse, smape, mase: Double
            let r2: Double?
        }
    }

    struct ExpectedFile: Decodable {
        let synthetic: [String: Expected]
        let nab: [String: [String: Expected]]
    }

    static func expected() throws -> ExpectedFile {
        let data = try Data(contentsOf: fixtures.appendingPathComponent("protocol_expected.json"))
        return try JSONDecoder().decode(ExpectedFile.self, from: data)
    }

    func check(_ report: EvaluationReport, against e: Expected) {
        #expect(report.n == e.n)
        #expect(report.filled == e.filled)
        #expect(report.collapsed == e.collapsed)
        #expect(report.nTrain == e.n_train && report.nVal == e.n_val && report.nTest == e.n_test)
        #expect(report.intervalSeconds == e.interval_seconds)
        #expect(Set(report.horizons.keys) == Set(e.horizons.keys))
        for (minutes, h) in e.horizons {
            guard let got = report.horizons[minutes] else { continue }
            let context = "\(report.series) \(report.model) \(minutes) min"
            #expect(got.steps == h.steps && got.origins == h.origins, "\(context)")
            #expect(isClose(got.mae, h.mae, rel: Self.tolerance), "\(context) MAE \(got.mae) vs \(h.mae)")
            #expect(isClose(got.rmse, h.rmse, rel: Self.tolerance), "\(context) RMSE \(got.rmse) vs \(h.rmse)")
            #expect(isClose(got.smape, h.smape, rel: Self.tolerance), "\(context) SMAPE \(got.smape) vs \(h.smape)")
            #expect(isClose(got.mase, h.mase, rel: Self.tolerance), "\(context) MASE \(got.mase) vs \(h.mase)")
            if let r2 = h.r2 {
                #expect(isClose(got.r2, r2, rel: Self.tolerance), "\(context) R² \(got.r2) vs \(r2)")
            } else {
                #expect(got.r2.isNaN, "\(context) R² should be undefined")
            }
        }
    }

    func report(path: String, model: ModelSpec) throws -> EvaluationReport {
        let series = try CSVSeriesReader.read(path: path, options: CSVReadOptions()).series
        return try model.evaluate(on: try EvaluationPlan(series: series), with: Evaluator())
    }

    @Test(arguments: [ModelSpec.naive, ModelSpec(SeasonalNaiveSettings())])
    func syntheticSeriesWithGapsDuplicatesAndJitter(model: ModelSpec) throws {
        let path = Self.fixtures.appendingPathComponent("protocol_series.csv").path
        let expected = try #require(try Self.expected().synthetic[model.name])
        check(try report(path: path, model: model), against: expected)
    }

    @Test(.enabled(if: RealData.isPresent, "needs ../shared/data/real beside the package"),
          arguments: [ModelSpec.naive, ModelSpec(SeasonalNaiveSettings())])
    func developmentNABSeriesMatchTheReference(model: ModelSpec) throws {
        let folder = try #require(RealData.folder("nab"))
        let expected = try Self.expected().nab
        let files = try RealData.csvFiles(in: folder)
        #expect(files.count == expected.count)
        for file in files {
            let name = file.deletingPathExtension().lastPathComponent
            let e = try #require(expected[name]?[model.name], "no reference for \(name)")
            check(try report(path: file.path, model: model), against: e)
        }
    }

    @Test(.enabled(if: RealData.isPresent, "needs ../shared/data/real beside the package")) func targetsTableRowsToSixDigits() throws {
        // TARGETS.md §1, ec2_cpu_utilization_5f5533: naive MAE 0.048825 / 0.047466 / 0.045802.
        let folder = try #require(RealData.folder("nab"))
        let r = try report(path: folder.appendingPathComponent("ec2_cpu_utilization_5f5533.csv").path, model: .naive)
        let maes = r.orderedHorizons.map { ($0.score.mae * 1e6).rounded() / 1e6 }
        #expect(maes == [0.048825, 0.047466, 0.045802])
    }
}
