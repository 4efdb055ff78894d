import Forecasting
import Foundation
import Ingest
import Pipeline
import TestSupport
import Testing
import Tracking

/// The shipped pipelines: each validates, and single-series runs on a real series this
/// project never trained on and promotes a model whose artifact loads and forecasts.
@Suite struct ShippedPipelineTests {
    static let root = RealData.packageRoot

    @Test(arguments: ["quickstart", "single-series", "all-metrics", "cpu-sweep"])
    func shippedPipelineValidates(name: String) throws {
        let path = Self.root.appendingPathComponent("Pipelines/\(name).yaml").path
        let spec = try PipelineSpec.load(path: path, overrides: ["single-series", "all-metrics"].contains(name) ? ["data=some.csv"] : [])
        #expect(spec.plan.name == name)
        #expect(!spec.plan.stages.isEmpty)
    }

    @Test(.enabled(if: RealData.isPresent, "needs ../shared/data/real beside the package"))
    func singleSeriesOnARealSeriesPromotesAModelThatForecasts() throws {
        let data = RealData.root.appendingPathComponent("nab/ec2_network_in_257a54.csv").path
        let folder = try TemporaryFolder(prefix: "single-series")
        let location = RegistryLocation(databasePath: folder.url.appendingPathComponent("registry.sqlite").path)
        let spec = Self.root.appendingPathComponent("Pipelines/single-series.yaml").path
        let overrides = ["data=\(data)", "models=[naive, arima, gbt]", "model_name=nab-network-in"]
        let report = try PipelineJob.run(file: spec, overrides: overrides,
                                         options: PipelineRunOptions(file: spec, jobs: 2, overrides: parseOverrides(overrides)),
                                         registry: location)
        #expect(report.failed.isEmpty, "\(report.failed)")
        let trained = report.stages.filter { $0.kind == "train" && $0.outcome == "executed" }.map(\.id).sorted()
        #expect(trained == ["train@arima", "train@gbt", "train@naive"], "\(trained)")
        let registered = try #require(report.registered.first)
        #expect(registered.model == "nab-network-in" && registered.alias == "production")

        let registry = try Registry.open(location, create: false)
        let production = try registry.resolveAlias(model: "nab-network-in", alias: "production")
        let artifact = try ArtifactLoader.load(try registry.readArtifact(production.artifact))
        let series = try CSVSeriesReader.read(path: data).series
        let forecast = try artifact.forecast(rawHistory: series, steps: 6)
        #expect(forecast.count == 6 && forecast.allSatisfy(\.isFinite), "\(forecast)")
    }
}
