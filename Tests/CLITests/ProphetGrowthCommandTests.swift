import Foundation
import TestSupport
import Testing

/// `autoscale evaluate --model prophet --growth logistic --capacity C` and its checks.
@Suite struct ProphetGrowthCommandTests {
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("prophet-growth-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    /// 500 points at 5 minutes rising along a logistic toward 80 with a daily wiggle and a
    /// deterministic ±1 jitter.
    func writeSaturating() throws -> String {
        let rows = (0..<500).map { i -> String in
            let x = Double(i)
            let value = 80 / (1 + exp(-(x - 200) / 60)) + 3 * sin(2 * Double.pi * x / 288) + sin(x * 12.9898).truncatingRemainder(dividingBy: 1)
            return "\(1_700_000_000 + 300 * i),\(value)"
        }
        let url = folder.appendingPathComponent("saturating.csv")
        try (["timestamp,value"] + rows).joined(separator: "\n").appending("\n").write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    func autoscale(_ arguments: [String]) throws -> ProductRunner.Result {
        let runner = try ProductRunner(product: "autoscale")
        return try runner.run(["evaluate"] + arguments)
    }

    @Test func logisticGrowthIsFittedAndReported() throws {
        let path = try writeSaturating()
        let r = try autoscale(["--data", path, "--model", "prophet", "--growth", "logistic", "--capacity", "90", "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let parameters = try #require(object["parameters"] as? [String: Any])
        #expect(parameters["growth"] as? String == "logistic")
        #expect(parameters["fit_procedure"] as? String == "prophetCompatible")
        let horizons = try #require(object["horizons"] as? [String: [String: Any]])
        #expect(horizons["5"]?["mae"] is Double)
        // Without the flags the same model is linear.
        let linear = try autoscale(["--data", path, "--model", "prophet", "--json"])
        let linearObject = try #require(try JSONSerialization.jsonObject(with: Data(linear.stdout.utf8)) as? [String: Any])
        #expect((linearObject["parameters"] as? [String: Any])?["growth"] as? String == "linear")
    }

    /// Each inconsistent combination exits non-zero with one line that says what to do.
    @Test(arguments: [
        (["--model", "prophet", "--capacity", "90"], "only applies to logistic growth"),
        (["--model", "prophet", "--growth", "logistic"], "logistic growth needs a capacity"),
        (["--model", "naive", "--growth", "logistic", "--capacity", "90"], "apply to the Prophet-style models"),
        (["--model", "prophet", "--growth", "exponential"], "unknown growth \"exponential\""),
        (["--model", "prophet", "--growth", "logistic", "--capacity=-50"], "not above the training part's minimum"),
    ])
    func inconsistentFlagsAreOneLineErrors(arguments: [String], message: String) throws {
        let path = try writeSaturating()
        let r = try autoscale(["--data", path] + arguments)
        #expect(r.status != 0)
        #expect(r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
        #expect(r.stderr.contains(message), "\(r.stderr)")
        #expect(r.stdout.isEmpty)
    }
}
