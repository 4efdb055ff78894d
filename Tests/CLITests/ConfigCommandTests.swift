import Foundation
import TestSupport
import Testing

/// `autoscale config init|show`, and `--config` choosing the series and scoring counters as
/// rates in `evaluate` and `forecast`, through the real binary.
@Suite struct ConfigCommandTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let folder: TemporaryFolder
    let long: String

    /// web-1 and web-2 × (cpu gauge, network_rx byte counter growing ~1,000 B/s), 1,200 points at 15 s
    /// (5 hours: the test part covers the 30-minute horizon).
    init() throws {
        folder = try TemporaryFolder()
        var lines = ["timestamp,container,metric,value"]
        for i in 0..<1_200 {
            for (c, container) in ["web-1", "web-2"].enumerated() {
                let t = 1_700_000_000 + 15 * i
                lines.append("\(t),\(container),cpu,\(0.5 + 0.1 * sin(Double(i) / 7) + 0.05 * Double(c))")
                lines.append("\(t),\(container),network_rx,\(Double(15_000 * i) + 500 * sin(Double(i)) + Double(c))")
            }
        }
        long = try folder.file("long.csv", lines.joined(separator: "\n") + "\n")
    }

    func autoscale(_ arguments: [String]) throws -> ProductRunner.Result {
        try ProductRunner(product: "autoscale").run(arguments)
    }

    func config(_ metric: String) -> String { Self.root.appendingPathComponent("Configs/\(metric).yaml").path }

    /// The documented regeneration command reproduces every shipped file byte for byte.
    @Test(arguments: ["cpu", "memory", "disk_reads", "disk_writes", "network_rx", "network_tx"])
    func initReproducesTheShippedFile(metric: String) throws {
        let r = try autoscale(["config", "init", metric, "--container", "web-1"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == (try String(contentsOfFile: config(metric), encoding: .utf8)))
    }

    @Test func initRefusesAnUnknownMetricInOneLine() throws {
        let r = try autoscale(["config", "init", "gpu"])
        #expect(r.status != 0 && r.stdout.isEmpty)
        #expect(r.stderr.contains("gpu") && r.stderr.contains("network_rx"), "\(r.stderr)")
    }

    @Test func showMarksWhereEachKeyCameFrom() throws {
        let path = try folder.file("rx.yaml", "format_version: 1\nmetric_name: network_rx\ntraining:\n  epochs: 3\n")
        let text = try autoscale(["config", "show", path])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("  epochs: 3                             # file\n"), "\(text.stdout)")
        #expect(text.stdout.contains("  input: counter                        # default\n"), "\(text.stdout)")
        let json = try autoscale(["config", "show", path, "--json"])
        #expect(json.status == 0, "\(json.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let keys = try #require(object["keys"] as? [[String: Any]])
        let fromFile = keys.filter { $0["source"] as? String == "file" }.compactMap { $0["key"] as? String }
        #expect(fromFile == ["format_version", "metric_name", "training.epochs"])
        #expect(keys.count == 49)  // every key path of format 1
        let bad = try autoscale(["config", "show", folder.url.appendingPathComponent("missing.yaml").path])
        #expect(bad.status != 0 && bad.stderr.contains("missing.yaml"), "\(bad.stderr)")
    }

    /// `evaluate --config Configs/network_rx.yaml` picks web-1's network_rx without flags and
    /// scores its rate (1,199 points of ~1,000 B/s), saying where each choice came from.
    @Test func evaluateWithTheShippedCounterConfigScoresTheRate() throws {
        let path = config("network_rx")
        let r = try autoscale(["evaluate", "--data", long, "--config", path, "--model", "naive", "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("metric network_rx (\(path): metric_name)"), "\(r.stderr)")
        #expect(r.stderr.contains("container web-1 (\(path): container_name)"), "\(r.stderr)")
        #expect(r.stderr.contains("counter → rate (\(path): preprocessing.input)"), "\(r.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(object["n"] as? Int == 1_199)
        let flags = try autoscale(["evaluate", "--data", long, "--config", path, "--model", "naive", "--metric", "cpu", "--container", "web-2"])
        #expect(flags.status == 0, "\(flags.stderr)")
        #expect(flags.stdout.contains("metric cpu (--metric); container web-2 (--container); counter → rate"), "\(flags.stdout)")
    }

    /// `forecast --config` applies the same choices: the forecast is a rate near 1,000 B/s,
    /// not the counter (which ends near 18 MB).
    @Test func forecastWithTheShippedCounterConfigForecastsTheRate() throws {
        let path = config("network_rx")
        let r = try autoscale(["forecast", "--data", long, "--config", path, "--model", "naive", "--minutes", "1", "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("counter → rate (\(path): preprocessing.input)"), "\(r.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let values = (object["forecasts"] as? [[String: Any]] ?? []).compactMap { $0["value"] as? Double }
        #expect(values.count == 4)
        #expect(values.allSatisfy { abs($0 - 1_000) < 100 }, "\(values)")
        let table = try autoscale(["forecast", "--data", long, "--config", path, "--model", "naive", "--minutes", "1"])
        #expect(table.stdout.contains("series: metric network_rx (\(path): metric_name); container web-1"), "\(table.stdout)")
    }
}
