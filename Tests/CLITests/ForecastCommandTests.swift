import Foundation
import TestSupport
import Testing

/// `autoscale forecast` as a user runs it: a real process, real files.
@Suite struct ForecastCommandTests {
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("forecast-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    /// 5-minute data: a daily sine around 50 plus a small deterministic wiggle, `count` points.
    func writeSeries(count: Int = 1_200) throws -> String {
        let lines = ["timestamp,value"] + (0..<count).map { i in
            let t = Double(i)
            return "\(1_700_000_000 + 300 * i),\(50 + 10 * sin(2 * .pi * t / 288) + 0.5 * sin(t * 1.7))"
        }
        let url = folder.appendingPathComponent("series.csv")
        try lines.joined(separator: "\n").appending("\n").write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    func forecast(_ arguments: String...) throws -> ProductRunner.Result {
        let runner = try ProductRunner(product: "autoscale")
        return try runner.run(["forecast"] + arguments)
    }

    func json(_ result: ProductRunner.Result) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    }

    /// ARIMA: one row per grid step up to --minutes, timestamps continuing the grid, the
    /// forecast inside its 80 % interval and the 80 % inside the 95 % (empirical intervals
    /// need not widen monotonically with the horizon).
    @Test func arimaForecastHasNestedIntervals() throws {
        let path = try writeSeries()
        let r = try forecast("--data", path, "--model", "arima", "--minutes", "30", "--json")
        #expect(r.status == 0, "\(r.stderr)")
        let object = try json(r)
        #expect(object["model"] as? String == "arima" && object["n"] as? Int == 1_200)
        let steps = try #require(object["forecasts"] as? [[String: Any]])
        #expect(steps.count == 6)
        #expect(steps.first?["timestamp"] as? String == "2023-11-19T02:13:20Z") // 1_700_000_000 + 300·1200 s
        #expect(steps.map { $0["minutes_ahead"] as? Double } == [5, 10, 15, 20, 25, 30])
        for step in steps {
            let value = try #require(step["value"] as? Double)
            let intervals = try #require(step["intervals"] as? [String: [Double]])
            let (eighty, ninetyFive) = (try #require(intervals["80"]), try #require(intervals["95"]))
            #expect(ninetyFive[0] < eighty[0] && eighty[0] < value && value < eighty[1] && eighty[1] < ninetyFive[1])
            #expect(abs(value - 50) < 15, "forecast \(value) far from the series' range")
        }
    }

    /// `forecast --track` leaves a run whose model `runs promote` registers (the registry
    /// used to refuse real runs: "has no artifact of kind 'model'").
    @Test func trackedForecastIsPromotable() throws {
        let path = try writeSeries(count: 600)
        let db = folder.appendingPathComponent("registry.sqlite").path
        let r = try forecast("--data", path, "--model", "autoarima", "--track", "--experiment", "fc", "--db", db)
        let runs = try ProductRunner(product: "runs")
        #expect(r.status == 0, "\(r.stderr)")
        let id = try #require(r.stdout.split(separator: " ").drop { $0 != "run" }.dropFirst().first.map(String.init), "\(r.stdout)")
        let promoted = try runs.run(["promote", id, "--model", "cpu-forecast", "--alias", "production", "--db", db])
        #expect(promoted.status == 0, "\(promoted.stdout)\(promoted.stderr)")
        let shown = try runs.run(["show", id, "--db", db])
        #expect(shown.stdout.contains("model.json") && shown.stdout.contains("forecast.json"), "\(shown.stdout)")
    }

    /// Naive: the last value at every step, in the series' units, with the intervals
    /// calibrated on its validation residuals (the 95 % containing the 80 %).
    @Test func naiveRepeatsTheLastValueWithCalibratedIntervals() throws {
        let path = try writeSeries()
        let r = try forecast("--data", path, "--model", "naive", "--minutes", "15", "--json")
        #expect(r.status == 0, "\(r.stderr)")
        let steps = try #require(try json(r)["forecasts"] as? [[String: Any]])
        let last = 50 + 10 * sin(2 * .pi * 1_199 / 288) + 0.5 * sin(1_199 * 1.7)
        #expect(steps.count == 3)
        for step in steps {
            #expect(abs((step["value"] as? Double ?? .nan) - last) < 1e-9)
            let intervals = try #require(step["intervals"] as? [String: [Double]])
            let (eighty, ninetyFive) = (try #require(intervals["80"]), try #require(intervals["95"]))
            #expect(ninetyFive[0] <= eighty[0] && eighty[0] < eighty[1] && eighty[1] <= ninetyFive[1], "\(intervals)")
        }
        let table = try forecast("--data", path, "--model", "naive", "--minutes", "10")
        #expect(table.stdout.contains("80% low") && !table.stdout.contains("no intervals for this model") && table.stdout.contains("10 min"))
    }

    @Test(arguments: [
        (["--minutes", "7"], "7 minutes is not a whole number"),
        (["--levels", "80,100"], "\"100\" is not a coverage"),
        (["--minutes", "0"], "--minutes 0"),
        (["--model", "arimax"], "arimax"),
    ])
    func badRequestsAreOneLineErrors(arguments: [String], message: String) throws {
        let path = try writeSeries(count: 600)
        let runner = try ProductRunner(product: "autoscale")
        let r = try runner.run(["forecast", "--data", path] + arguments)
        #expect(r.status != 0 && r.stdout.isEmpty)
        #expect(r.stderr.contains(message), "\(r.stderr)")
    }
}
