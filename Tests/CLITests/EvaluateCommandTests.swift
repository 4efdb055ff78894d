import Forecasting
import Foundation
import TestSupport
import Testing

/// `autoscale evaluate` as a user runs it: a real process, real files.
@Suite struct EvaluateCommandTests {
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("evaluate-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    /// A 5-minute ramp of `count` points as `timestamp,value`.
    func writeRamp(_ name: String, count: Int = 400, edit: (inout [String]) -> Void = { _ in }) throws -> String {
        var lines = ["timestamp,value"] + (0..<count).map { "\(1_700_000_000 + 300 * $0),\($0)" }
        edit(&lines)
        let url = folder.appendingPathComponent(name)
        try lines.joined(separator: "\n").appending("\n").write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    func autoscale(_ arguments: String...) throws -> ProductRunner.Result {
        let runner = try ProductRunner(product: "autoscale")
        return try runner.run(arguments)
    }

    /// `--track` records a run in the registry given by `--db` and says where; `--json` output stays one object.
    @Test func trackRecordsARunAndSaysWhere() throws {
        let path = try writeRamp("ramp.csv")
        let db = folder.appendingPathComponent("registry.sqlite").path
        let r = try autoscale("evaluate", "--data", path, "--model", "arima", "--track", "--db", db)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("recorded run ") && r.stdout.contains("in experiment evaluate of \(db)"), "\(r.stdout)")
        #expect(FileManager.default.fileExists(atPath: db))
        // The run carries validation metrics beside the test ones.
        let id = try #require(r.stdout.components(separatedBy: "recorded run ").last?.split(separator: " ").first)
        let show = try ProductRunner(product: "runs").run(["show", String(id), "--db", db, "--json"])
        #expect(show.status == 0, "\(show.stderr)")
        let details = try #require(try JSONSerialization.jsonObject(with: Data(show.stdout.utf8)) as? [String: Any])
        let metrics = (details["metrics"] as? [[String: Any]] ?? []).reduce(into: [String: Double]()) { all, m in
            if let key = m["key"] as? String, let value = m["latest"] as? Double { all[key] = value }
        }
        #expect(metrics["val_mae_15m"].map(\.isFinite) == true, "\(metrics.keys.sorted())")
        #expect(metrics["mae_15m"].map(\.isFinite) == true)
        let j = try autoscale("evaluate", "--data", path, "--model", "naive", "--experiment", "mine", "--db", db, "--json")
        #expect(j.status == 0, "\(j.stderr)")
        #expect(try JSONSerialization.jsonObject(with: Data(j.stdout.utf8)) is [String: Any])
    }

    @Test func jsonOutputFollowsSectionEight() throws {
        let path = try writeRamp("ramp.csv")
        let r = try autoscale("evaluate", "--data", path, "--model", "naive", "--json")
        #expect(r.status == 0, "\(r.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        for key in ["series", "interval_seconds", "n", "filled", "collapsed", "n_train", "n_val", "n_test", "model", "fit_seconds", "forecast_seconds", "horizons"] {
            #expect(object[key] != nil, "missing \(key)")
        }
        // N = 400: train 280 (values 0…279, divisor 279); naive misses a ramp by h/279.
        let horizons = try #require(object["horizons"] as? [String: [String: Any]])
        let fifteen = try #require(horizons["15"])
        #expect(fifteen["steps"] as? Int == 3)
        #expect(fifteen["origins"] as? Int == 57)  // n_test 60 − 3
        let mae = try #require(fifteen["mae"] as? Double)
        #expect(isClose(mae, 3.0 / 279, rel: 1e-12))
        #expect(horizons["5"]?["r2"] is Double)
    }

    @Test func tableOutputListsEveryHorizon() throws {
        // 200 points at 5 min: the 170 points before the test part hold no full day.
        let short = try writeRamp("short.csv", count: 200)
        let r = try autoscale("evaluate", "--data", short, "--model", "snaive")
        #expect(r.status != 0)
        #expect(r.stderr.contains("snaive: needs at least 288 points of history, got 170"), "\(r.stderr)")
        let path = try writeRamp("ramp.csv")
        let ok = try autoscale("evaluate", "--data", path, "--horizons", "5,10")
        #expect(ok.status == 0)
        #expect(ok.stdout.contains("5 min") && ok.stdout.contains("10 min"))
        #expect(ok.stdout.contains("train 280 / val 60 / test 60"))
    }

    /// Each bad input exits non-zero with one line that names where and what.
    @Test(arguments: [
        ("letters", "1700000600,abc", ":4:", "\"abc\""),
        ("nan", "1700000600,nan", ":4:", "nan"),
        ("infinite", "1700000600,inf", ":4:", "inf"),
        ("unsorted", "1699999000,3", ":4:", "1699999000"),
    ])
    func badRowsAreOneLineErrors(name: String, row: String, location: String, value: String) throws {
        let path = try writeRamp("\(name).csv") { $0[3] = row }
        let r = try autoscale("evaluate", "--data", path)
        #expect(r.status != 0)
        let lines = r.stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(r.stderr)")
        #expect(r.stderr.contains("\(name).csv\(location)"), "\(r.stderr)")
        #expect(r.stderr.lowercased().contains(value.lowercased()), "\(r.stderr)")
        #expect(r.stdout.isEmpty)
    }

    @Test func skipPolicyCountsInsteadOfFailing() throws {
        let path = try writeRamp("skip.csv") { $0[3] = "1700000600,abc" }
        let r = try autoscale("evaluate", "--data", path, "--on-bad-row", "skip", "--json")
        #expect(r.status == 0, "\(r.stderr)")
        // The skipped row leaves a hole that the grid forward-fills.
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(object["filled"] as? Int == 1)
    }

    @Test func missingColumnSuggestsTheClosest() throws {
        let path = try writeRamp("wide.csv") { $0[0] = "timestamp,avg_cpu" }
        let r = try autoscale("evaluate", "--data", path, "--column", "avg_cpo")
        #expect(r.status != 0)
        #expect(r.stderr.contains("avg_cpo") && r.stderr.contains("did you mean \"avg_cpu\""), "\(r.stderr)")
    }

    @Test func emptyFileAndUnknownModelAreClearErrors() throws {
        let empty = folder.appendingPathComponent("empty.csv")
        try Data().write(to: empty)
        let r = try autoscale("evaluate", "--data", empty.path)
        #expect(r.status != 0)
        #expect(r.stderr.contains("empty.csv"), "\(r.stderr)")
        let path = try writeRamp("ramp.csv")
        let m = try autoscale("evaluate", "--data", path, "--model", "naiv")
        #expect(m.status != 0)
        #expect(m.stderr.contains("did you mean \"naive\"") || m.stderr.contains("Did you mean \"naive\""), "\(m.stderr)")
    }

    @Test func lstmTrainsForTheGivenEpochsAndRejectsZero() throws {
        let path = try writeRamp("ramp.csv", count: 300)
        let r = try autoscale("evaluate", "--data", path, "--model", "lstm", "--epochs", "1", "--json")
        #expect(r.status == 0, "\(r.stderr)")
        // Off a terminal: a line per finished epoch and one for the finished evaluation.
        #expect(r.stderr.contains("  epoch 1/1  train "), "\(r.stderr)")
        #expect(r.stderr.split(separator: "\n").last?.hasPrefix("[1/1] lstm on ramp.csv: ") == true, "\(r.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(object["model"] as? String == "lstm")
        let horizons = try #require(object["horizons"] as? [String: [String: Any]])
        #expect(horizons["30"]?["mae"] is Double)
        let zero = try autoscale("evaluate", "--data", path, "--model", "lstm", "--epochs", "0")
        #expect(zero.status != 0)
        #expect(zero.stderr.contains("--epochs 0"), "\(zero.stderr)")
    }

    /// `--checkpoint` leaves the best epoch's artifact in the file: it loads, names its
    /// epoch, and its weights are the ones the run ended with (best epoch restored).
    @Test func lstmCheckpointFileHoldsTheBestEpoch() throws {
        let path = try writeRamp("ramp.csv", count: 300)
        let checkpoint = folder.appendingPathComponent("best.json").path
        let r = try autoscale("evaluate", "--data", path, "--model", "lstm", "--epochs", "3", "--checkpoint", checkpoint, "--json")
        #expect(r.status == 0, "\(r.stderr)")
        let artifact = try LSTMArtifact.load(from: Data(contentsOf: URL(fileURLWithPath: checkpoint)))
        let record = try #require(artifact.training)
        #expect((1...3).contains(record.bestEpoch) && record.bestValidationLoss.isFinite)
        #expect(artifact.configuration.training.epochs == 3)
        #expect(!FileManager.default.fileExists(atPath: checkpoint + ".tmp"))

        let missing = folder.appendingPathComponent("no-such-folder/best.json").path
        let bad = try autoscale("evaluate", "--data", path, "--model", "lstm", "--checkpoint", missing)
        #expect(bad.status != 0 && bad.stdout.isEmpty)
        #expect(bad.stderr.contains("no-such-folder") && bad.stderr.contains("does not exist"), "\(bad.stderr)")
    }

    /// `--config` picks the model, its orders and the horizons; `--horizons` still wins; a
    /// config asking for another split is a one-line error naming file, key and value.
    @Test func configChoosesModelOrdersAndHorizons() throws {
        let path = try writeRamp("ramp.csv", count: 400)
        let config = folder.appendingPathComponent("arima.yaml")
        try """
            format_version: 1
            metric_name: cpu
            model: {model_type: arima, arima: {p: 2, d: 1, q: 0}}
            data: {prediction_horizons: [5, 10]}
            """.write(to: config, atomically: true, encoding: .utf8)
        let r = try autoscale("evaluate", "--data", path, "--config", config.path, "--json")
        #expect(r.status == 0, "\(r.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(object["model"] as? String == "arima")
        let horizons = try #require(object["horizons"] as? [String: Any])
        #expect(Set(horizons.keys) == ["5", "10"])
        let parameters = try #require(object["parameters"] as? [String: Any])
        #expect(parameters["order"] as? [Int] == [2, 1, 0])
        #expect((parameters["ar"] as? [Double])?.count == 2)

        let flags = try autoscale("evaluate", "--data", path, "--config", config.path, "--horizons", "15", "--json")
        let overridden = try #require(try JSONSerialization.jsonObject(with: Data(flags.stdout.utf8)) as? [String: Any])
        #expect((overridden["horizons"] as? [String: Any]).map { Set($0.keys) } == ["15"])

        let bad = folder.appendingPathComponent("split.yaml")
        try "format_version: 1\nmetric_name: cpu\ndata: {train_split: 0.8, val_split: 0.1, test_split: 0.1}\n"
            .write(to: bad, atomically: true, encoding: .utf8)
        let refused = try autoscale("evaluate", "--data", path, "--config", bad.path)
        #expect(refused.status != 0 && refused.stdout.isEmpty)
        #expect(refused.stderr.split(separator: "\n").count == 1, "\(refused.stderr)")
        #expect(refused.stderr.contains("split.yaml") && refused.stderr.contains("data.train_split is 0.8"), "\(refused.stderr)")
    }
}
