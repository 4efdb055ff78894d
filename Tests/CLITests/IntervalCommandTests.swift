import Foundation
import TestSupport
import Testing

/// `forecast --levels` gives bounds for models without a forecast variance (naive, lstm),
/// and `evaluate` reports interval coverage, through the real `autoscale` process.
@Suite struct IntervalCommandTests {
    /// Its series writer (a daily sine around 50 at 5 minutes) and its temporary folder.
    let forecasts: ForecastCommandTests

    init() throws {
        forecasts = try ForecastCommandTests()
    }

    func writeSeries(count: Int) throws -> String {
        try forecasts.writeSeries(count: count)
    }

    func autoscale(_ arguments: [String]) throws -> ProductRunner.Result {
        try ProductRunner(product: "autoscale").run(arguments)
    }

    /// Six steps, each with "80" and "95" bounds around the forecast, the 95 % containing the 80 %.
    @Test(arguments: [["naive"], ["lstm", "--epochs", "1"]])
    func forecastLevelsGiveNestedBounds(model: [String]) throws {
        let path = try writeSeries(count: 600)
        let r = try autoscale(["forecast", "--data", path, "--model"] + model + ["--levels", "0.8,0.95", "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(object["levels"] as? [Double] == [0.8, 0.95])
        let steps = try #require(object["forecasts"] as? [[String: Any]])
        #expect(steps.count == 6)
        for step in steps {
            let value = try #require(step["value"] as? Double)
            let intervals = try #require(step["intervals"] as? [String: [Double]], "\(model[0]) gave no intervals")
            let (eighty, ninetyFive) = (try #require(intervals["80"]), try #require(intervals["95"]))
            #expect(ninetyFive[0] <= eighty[0] && eighty[0] < eighty[1] && eighty[1] <= ninetyFive[1], "\(intervals)")
            #expect(abs(value - 50) < 20 && eighty[0] > 20 && ninetyFive[1] < 80, "\(value) \(intervals)")
        }
        if model[0] == "naive" {
            // naive: the 80 % bounds are the last value plus residual quantiles, so they differ per step.
            #expect(Set(steps.compactMap { ($0["intervals"] as? [String: [Double]])?["80"]?[1] }).count > 1)
        }
    }

    /// The table shows the bounds' columns; an uncalibrated level is an error naming the calibrated ones.
    @Test func forecastTableShowsBoundsAndRefusesAnUncalibratedLevel() throws {
        let path = try writeSeries(count: 600)
        let table = try autoscale(["forecast", "--data", path, "--model", "naive", "--levels", "80,95"])
        #expect(table.status == 0, "\(table.stderr)")
        #expect(table.stdout.contains("80% low") && table.stdout.contains("95% high") && !table.stdout.contains("no intervals"), "\(table.stdout)")
        let odd = try autoscale(["forecast", "--data", path, "--model", "naive", "--levels", "0.85"])
        #expect(odd.status != 0)
        #expect(odd.stderr.contains("0.85") && odd.stderr.contains("0.8, 0.9"), "\(odd.stderr)")
    }

    /// `evaluate --json` carries `coverage` per horizon and level; the table a column per level.
    @Test func evaluateReportsCoverage() throws {
        let path = try writeSeries(count: 1_200)
        let r = try autoscale(["evaluate", "--data", path, "--model", "naive", "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let coverage = try #require(object["coverage"] as? [String: [String: Double]])
        #expect(Set(coverage.keys) == ["5", "15", "30"])
        for byLevel in coverage.values {
            let (eighty, ninetyFive) = (try #require(byLevel["0.8"]), try #require(byLevel["0.95"]))
            #expect(0 <= eighty && eighty <= ninetyFive && ninetyFive <= 1)
        }
        let table = try autoscale(["evaluate", "--data", path, "--model", "naive"])
        #expect(table.status == 0 && table.stdout.contains("in 80 %") && table.stdout.contains("in 95 %"), "\(table.stdout)")
    }
}
