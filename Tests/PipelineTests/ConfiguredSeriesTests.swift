import Forecasting
import Foundation
import Ingest
import Series
import TestSupport
import Testing
@testable import Pipeline

/// `--config` chooses the series its `metric_name` / `container_name` name in a long file
/// (flags win), and a counter metric is scored as its rate, not as the raw counter.
@Suite struct ConfiguredSeriesTests {
    let folder: TemporaryFolder
    let long: String

    /// Two containers × (cpu gauge, network_rx byte counter growing 1,000 B/s with noise), 600 points at 15 s.
    init() throws {
        folder = try TemporaryFolder()
        var lines = ["timestamp,container,metric,value"]
        for i in 0..<600 {
            for (c, container) in ["web-1", "web-2"].enumerated() {
                let t = 1_700_000_000 + 15 * i
                lines.append("\(t),\(container),cpu,\(0.5 + 0.1 * sin(Double(i) / 7) + 0.05 * Double(c))")
                lines.append("\(t),\(container),network_rx,\(Double(15_000 * i) + 500 * sin(Double(i)) + Double(c))")
            }
        }
        long = try folder.file("long.csv", lines.joined(separator: "\n") + "\n")
    }

    func config(_ yaml: String) throws -> (MetricConfig, String) {
        let path = try folder.file("config-\(UUID().uuidString).yaml", "format_version: 1\n" + yaml)
        return (try ConfigLoader.load(path: path), path)
    }

    @Test func configNamesTheSeriesAndCountersBecomeRates() throws {
        let (config, path) = try config("metric_name: network_rx\ncontainer_name: web-2\n")
        let series = try ConfiguredSeries.resolve(flags: CSVReadOptions(), config: config, configPath: path, dataPath: long)
        #expect(series.readOptions.selection == SeriesSelection(column: nil, container: "web-2", metric: "network_rx"))
        #expect(series.countersToRates)
        #expect(series.choices == ["metric network_rx (\(path): metric_name)", "container web-2 (\(path): container_name)",
                                   "counter → rate (\(path): preprocessing.input)"])
        let request = SeriesEvaluationRequest(dataPath: long, readOptions: series.readOptions, model: .naive,
                                              horizonMinutes: [5], countersToRates: series.countersToRates)
        let read = try request.readSeries()
        #expect(read.series.values.count == 599)
        // ~1,000 B/s: the rate, not the counter (which reaches 9 MB).
        #expect(read.series.values.allSatisfy { abs($0 - 1_000) < 100 }, "\(read.series.values.prefix(5))")
        let report = try evaluateSeries(request, evaluator: Evaluator())
        #expect(report.n == 599)
    }

    @Test func flagsWinOverTheConfig() throws {
        let (config, path) = try config("metric_name: network_rx\ncontainer_name: web-2\npreprocessing:\n  input: gauge\n")
        let flags = CSVReadOptions(selection: SeriesSelection(column: nil, container: "web-1", metric: "cpu"))
        let series = try ConfiguredSeries.resolve(flags: flags, config: config, configPath: path, dataPath: long)
        #expect(series.readOptions.selection == flags.selection)
        #expect(!series.countersToRates)
        #expect(series.choices == ["metric cpu (--metric)", "container web-1 (--container)"])
    }

    /// A timestamp,value file has no container or metric column: the names select nothing there.
    @Test func namesDoNotApplyToSingleSeriesFiles() throws {
        let single = try folder.file("single.csv", "timestamp,value\n" + (0..<50).map { "\(1_700_000_000 + 60 * $0),\($0)" }.joined(separator: "\n") + "\n")
        let (config, path) = try config("metric_name: cpu\ncontainer_name: web-1\n")
        let series = try ConfiguredSeries.resolve(flags: CSVReadOptions(), config: config, configPath: path, dataPath: single)
        #expect(series.readOptions == CSVReadOptions())
        #expect(series.choices.isEmpty && !series.countersToRates)
        #expect(try SeriesEvaluationRequest(dataPath: single, readOptions: series.readOptions, model: .naive).readSeries().series.values.count == 50)
    }

    @Test func withoutAConfigTheFlagsAreUsedAsGiven() throws {
        let flags = CSVReadOptions(selection: SeriesSelection(column: nil, container: "web-1", metric: "network_rx"))
        let series = try ConfiguredSeries.resolve(flags: flags, config: nil, configPath: nil, dataPath: long)
        #expect(series == ConfiguredSeries(readOptions: flags))
    }
}
