import Forecasting
import Foundation
import Ingest
import TestSupport
import Testing
import Tracking

/// `autoscale evaluate --global` as a user runs it: one model trained across every container
/// of a metric (or every file of a folder), each series scored by the protocol, relMAE against
/// the naive forecast that `autoscale evaluate --model naive` gives on each series alone.
@Suite struct GlobalEvaluateCommandTests {
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("global-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    func autoscale(_ arguments: [String]) throws -> ProductRunner.Result {
        try ProductRunner(product: "autoscale").run(arguments)
    }

    /// Three generated containers, 2 days every 5 minutes (576 points each, six metrics).
    func fleet() throws -> String {
        let path = folder.appendingPathComponent("fleet.csv").path
        let r = try autoscale(["data", "generate", "--containers", "3", "--days", "2", "--interval", "5m", "--output", path])
        #expect(r.status == 0, "\(r.stderr)")
        return path
    }

    /// A tiny LSTM (the defaults train for minutes in a debug build). `container_name` names one
    /// container on purpose: `--global` reads every container of the metric regardless.
    func tinyConfig() throws -> String {
        let path = folder.appendingPathComponent("tiny.yaml").path
        try """
        format_version: 1
        metric_name: cpu
        container_name: "web-1"
        data:
          window_size: 12
        model:
          model_type: lstm
          hidden_size: 4
          num_layers: 1
          bidirectional: false
          dropout: 0
        training:
          epochs: 2
          samples_per_epoch: 64
          validation_samples: 32
        """.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func everyContainerOfTheMetricIsScoredAndRelMAEIsTheGeometricMeanOverNaive() throws {
        let data = try fleet()
        let r = try autoscale(["evaluate", "--global", "--config", try tinyConfig(), "--data", data, "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let object = try json(r.stdout)
        #expect(object["model"] as? String == "lstm")
        #expect(object["global"] as? Bool == true)
        let series = try #require(object["series"] as? [[String: Any]])
        #expect(series.count == 3, "\(series.map { $0["series"] ?? "?" })")
        let containers = ["api-2", "web-1", "worker-3"]
        var logs: [String: [Double]] = [:]
        for (report, container) in zip(series, containers) {
            #expect((report["series"] as? String)?.contains(container) == true, "\(report["series"] ?? "?") should be \(container)")
            #expect(report["model"] as? String == "lstm")
            let horizons = try #require(report["horizons"] as? [String: [String: Any]])
            let naiveRun = try autoscale(["evaluate", "--model", "naive", "--data", data, "--container", container, "--metric", "cpu", "--json"])
            #expect(naiveRun.status == 0, "\(naiveRun.stderr)")
            let naive = try #require(try json(naiveRun.stdout)["horizons"] as? [String: [String: Any]])
            for minutes in ["5", "15", "30"] {
                let mae = try #require(horizons[minutes]?["mae"] as? Double)
                let base = try #require(naive[minutes]?["mae"] as? Double)
                #expect(mae.isFinite && mae > 0 && base > 0)
                logs[minutes, default: []].append(log(mae / base))
            }
        }
        let relative = try #require(object["rel_mae"] as? [String: Double])
        for (minutes, values) in logs {
            let expected = exp(values.reduce(0, +) / Double(values.count))
            let got = try #require(relative[minutes])
            #expect(abs(got - expected) <= 1e-9 * expected, "relMAE at \(minutes) min: \(got) vs \(expected)")
        }
        // The table names the config's metric choice and prints the geometric-mean row.
        let table = try autoscale(["evaluate", "--global", "--config", try tinyConfig(), "--data", data])
        #expect(table.status == 0, "\(table.stderr)")
        #expect(table.stdout.contains("trained once across 3 series"), "\(table.stdout)")
        #expect(table.stdout.contains("relMAE (geometric mean)"))
    }

    @Test func aFolderGivesOneSeriesPerFile() throws {
        let series = folder.appendingPathComponent("series")
        try FileManager.default.createDirectory(at: series, withIntermediateDirectories: true)
        for (name, slope) in [("a.csv", 1.0), ("b.csv", 3.0)] {
            let lines = ["timestamp,value"] + (0..<400).map { "\(1_700_000_000 + 300 * $0),\(slope * Double($0 % 97) + 5)" }
            try lines.joined(separator: "\n").appending("\n").write(to: series.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        try "not a series".write(to: series.appendingPathComponent("README.txt"), atomically: true, encoding: .utf8)
        let r = try autoscale(["evaluate", "--global", "--config", try tinyConfig(), "--data", series.path, "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let reports = try #require(try json(r.stdout)["series"] as? [[String: Any]])
        #expect(reports.map { $0["n"] as? Int } == [400, 400])
        #expect(reports.map { $0["series"] as? String ?? "" }.map { $0.contains("a") || $0.contains("b") } == [true, true])
    }

    @Test func aModelWithoutGlobalTrainingIsRefusedByName() throws {
        let r = try autoscale(["evaluate", "--global", "--model", "naive", "--data", try fleet(), "--metric", "cpu"])
        #expect(r.status != 0)
        #expect(r.stderr.contains("naive is fitted per series") && r.stderr.contains("lstm"), "\(r.stderr)")
    }

    @Test func severalMetricsAskForOne() throws {
        let r = try autoscale(["evaluate", "--global", "--model", "lstm", "--data", try fleet()])
        #expect(r.status != 0)
        #expect(r.stderr.contains("--metric") && r.stderr.contains("cpu") && r.stderr.contains("memory"), "\(r.stderr)")
    }

    /// `--track`: a parent run for the one training (epoch losses, relMAE over the series) and a
    /// child per series whose model artifact loads and forecasts; nothing is recorded for a
    /// model without global training.
    @Test func trackingRecordsTheTrainingAndOneChildRunPerSeries() throws {
        let data = try fleet()
        let db = folder.appendingPathComponent("r.sqlite").path
        let refused = try autoscale(["evaluate", "--global", "--model", "naive", "--data", data, "--metric", "cpu", "--track", "--db", db])
        #expect(refused.status != 0 && refused.stderr.contains("naive is fitted per series"), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: db))

        let r = try autoscale(["evaluate", "--global", "--config", try tinyConfig(), "--data", data, "--track", "--db", db, "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let printed = try #require(try json(r.stdout)["rel_mae"] as? [String: Double])

        let registry = try Registry.open(RegistryLocation(databasePath: db), create: false)
        let runs = try registry.searchRuns(RunSearch(experiment: "evaluate", details: true)).runs
        #expect(runs.count == 4, "\(runs.map(\.name))")
        let parent = try #require(runs.first { $0.name == "global/lstm" })
        #expect(parent.status == .finished && parent.parent == nil)
        #expect(parent.params["series_count"] == "3" && parent.params["model"] == "lstm" && parent.params["data"] == data)
        for minutes in ["5", "15", "30"] {
            let logged = try #require(parent.metrics["relmae_\(minutes)m"])
            #expect(abs(logged - (printed[minutes] ?? .nan)) <= 1e-12 * logged, "relMAE \(minutes) min: \(logged) vs \(printed)")
        }
        let losses = try registry.metricHistories(runs: [parent.id], key: "val_loss")[parent.id] ?? []
        #expect(losses.count == 2, "one val_loss per epoch of the one training: \(losses)")

        let children = runs.filter { $0.parent == parent.id }
        #expect(children.map(\.tags["series"]).compactMap { $0 }.sorted().count == 3, "\(children.map(\.name))")
        let history = try CSVSeriesReader.read(path: data, options: CSVReadOptions(selection: SeriesSelection(container: "web-1", metric: "cpu"))).series
        for child in children {
            #expect(child.status == .finished && child.params["model"] == "lstm" && child.tags["global"] == "true")
            #expect(child.metrics["val_mae_15m"].map(\.isFinite) == true && child.metrics["relmae_15m"].map(\.isFinite) == true,
                    "\(child.metrics.keys.sorted())")
            let artifact = try ArtifactLoader.load(try registry.readArtifact(run: child.id, name: "model.json"))
            let forecast = try artifact.forecast(rawHistory: history, steps: 3)
            #expect(forecast.count == 3 && forecast.allSatisfy(\.isFinite), "\(forecast)")
        }
    }
}
