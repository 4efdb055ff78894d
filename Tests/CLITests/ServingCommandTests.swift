import Foundation
import TestSupport
import Testing

/// `autoscale predict` and `autoscale backtest` as a user runs them: real processes, a real
/// registry file, a model fitted and promoted by the CLI itself.
@Suite struct ServingCommandTests {
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("serving-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    func run(_ product: String, _ arguments: [String]) throws -> ProductRunner.Result {
        try ProductRunner(product: product).run(arguments)
    }

    func json(_ result: ProductRunner.Result) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    }

    /// One day of generated data, an ARIMA fitted on web-1's cpu by `forecast --track`,
    /// promoted as autoscale-cpu@production. Returns the forecast command's JSON and the
    /// promoted artifact's sha256.
    func promotedARIMA() throws -> (forecast: [String: Any], sha256: String) {
        let generate = try run("autoscale", ["data", "generate", "--containers", "1", "--days", "1", "--interval", "1m", "--output", path("data.csv")])
        #expect(generate.status == 0, "\(generate.stderr)")
        let forecast = try run("autoscale", ["forecast", "--data", path("data.csv"), "--container", "web-1", "--metric", "cpu",
                                             "--model", "arima", "--track", "--db", path("registry.sqlite"), "--json"])
        #expect(forecast.status == 0, "\(forecast.stderr)")
        let runs = try json(try run("runs", ["list", "--db", path("registry.sqlite"), "--json"]))
        let id = try #require((runs["runs"] as? [[String: Any]])?.first?["id"] as? String)
        let promote = try run("runs", ["promote", id, "--model", "autoscale-cpu", "--db", path("registry.sqlite"), "--json"])
        #expect(promote.status == 0, "\(promote.stderr)")
        let sha = try #require((try json(promote)["artifact"] as? [String: Any])?["sha256"] as? String)
        return (try json(forecast), sha)
    }

    /// The served forecast is the fitted model's own forecast of the same history at 5, 15, 30 min.
    @Test func predictServesThePromotedModel() throws {
        let fitted = try promotedARIMA().forecast
        let result = try run("autoscale", ["predict", "--container", "web-1", "--data", path("data.csv"), "--db", path("registry.sqlite"), "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try json(result)
        let forecasts = try #require(object["forecasts"] as? [[String: Any]])
        #expect(forecasts.count == 1 && forecasts[0]["metric"] as? String == "cpu" && forecasts[0]["unit"] as? String == "cores")
        #expect((object["skipped"] as? [String: String])?.keys.sorted() == ["disk_reads", "disk_writes", "memory", "network_rx", "network_tx"])
        let horizons = try #require(forecasts[0]["horizons"] as? [[String: Any]])
        let steps = try #require(fitted["forecasts"] as? [[String: Any]])
        #expect(horizons.map { $0["minutes"] as? Double } == [5, 15, 30])
        for horizon in horizons {
            let minutes = try #require(horizon["minutes"] as? Double)
            let expected = try #require(steps.first { $0["minutes_ahead"] as? Double == minutes }?["value"] as? Double)
            let value = try #require(horizon["value"] as? Double)
            #expect(abs(value - expected) <= 1e-9 * max(1, abs(expected)))
            #expect((horizon["intervals"] as? [[String: Any]])?.count == 2)
        }
    }

    /// c = 0.1 core per replica at u = 0.8, no margin: the policy needs ⌈max(current, ŷ_5, ŷ_15, ŷ_30) / 0.08⌉,
    /// computed here from `predict --json` and the CSV's last cpu value.
    @Test func recommendSizesFromTheForecasts() throws {
        _ = try promotedARIMA()
        try "format_version: 1\nresources:\n  cpu: {capacity_per_replica: 0.1, headroom: {margin: 0}, max_replicas: 100}\n"
            .write(toFile: path("policy.yaml"), atomically: true, encoding: .utf8)
        let predicted = try json(try run("autoscale", ["predict", "--container", "web-1", "--data", path("data.csv"), "--db", path("registry.sqlite"), "--json"]))
        let horizons = try #require((predicted["forecasts"] as? [[String: Any]])?.first?["horizons"] as? [[String: Any]])
        let csv = try String(contentsOfFile: path("data.csv"), encoding: .utf8).split(separator: "\n")
        let current = try #require(csv.last { $0.contains(",web-1,cpu,") }.flatMap { Double($0.split(separator: ",")[3]) })
        let peak = horizons.compactMap { $0["value"] as? Double }.reduce(current, max)
        let expected = Int((peak / 0.08).rounded(.up))

        let result = try run("autoscale", ["recommend", "--container", "web-1", "--data", path("data.csv"), "--db", path("registry.sqlite"),
                                           "--replicas", "1", "--policy", path("policy.yaml"), "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let recommendation = try #require(try json(result)["recommendation"] as? [String: Any])
        #expect(recommendation["replicas"] as? Int == expected && recommendation["current"] as? Int == 1)
        #expect(recommendation["action"] as? String == (expected > 1 ? "scale_up" : "hold"))
        let reasons = try #require(recommendation["reasons"] as? [[String: Any]])
        #expect(reasons.count == 4 && reasons.first?["replicas_needed"] as? Int == expected)
        #expect(reasons.compactMap { $0["horizon_minutes"] as? Double }.sorted() == [0, 5, 15, 30])
    }

    @Test func predictNamesWhatIsMissingAndWhatIsCorrupt() throws {
        let sha = try promotedARIMA().sha256
        let missing = try run("autoscale", ["predict", "--container", "web-1", "--data", path("data.csv"), "--db", path("registry.sqlite"),
                                            "--alias", "canary"])
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("no model to predict with") && missing.stderr.contains("autoscale-cpu@canary"))
        #expect(missing.stderr.contains("its aliases: production"))

        let file = folder.appendingPathComponent("artifacts/sha256/\(sha.prefix(2))/\(sha)")
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file.path)
        try Data("{\"format_version\": 3}".utf8).write(to: file)
        let corrupt = try run("autoscale", ["predict", "--container", "web-1", "--data", path("data.csv"), "--db", path("registry.sqlite")])
        #expect(corrupt.status != 0)
        #expect(corrupt.stderr.contains("but the registry recorded \(sha)"))
    }

    /// Constant demand 10 every 300 s, 400 points: c = 10/4 = 2.5, target 0.8, warm-up 288
    /// → 112 decisions, 111 scored steps of 5 min (9.25 h). HPA: starts at ⌈10/2⌉ = 5,
    /// ratio (10/12.5)/0.8 = 1 → holds 5: slack (5 − 4)·9.25 = 9.25 replica-h, no action.
    /// Predictive (naive, the backtest's default policy: no margin): ⌈10/2⌉ = 5 too, so the
    /// same slack and no action. A 10 % margin (--policy) asks 11/2 = 5.5 → 6 at the first
    /// decision: 1 action, slack (6 − 4)·9.25 = 18.5. Nobody is ever short.
    @Test func backtestOnAConstantTraceByHand() throws {
        let lines = ["timestamp,value"] + (0..<400).map { "\(1_700_000_000 + 300 * $0),10" }
        try lines.joined(separator: "\n").appending("\n").write(toFile: path("trace.csv"), atomically: true, encoding: .utf8)
        let result = try run("autoscale", ["backtest", "--data", path("trace.csv"), "--model-type", "naive", "--json", "--plot", path("plot.svg")])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try json(result)
        #expect(object["decisions"] as? Int == 112 && object["capacity_per_replica"] as? Double == 2.5)
        let predictive = try #require(object["predictive"] as? [String: Any])
        let reactive = try #require(object["reactive"] as? [String: Any])
        #expect(predictive["under_provisioned_minutes"] as? Double == 0 && reactive["under_provisioned_minutes"] as? Double == 0)
        #expect(abs((predictive["slack_replica_hours"] as? Double ?? 0) - 9.25) < 1e-9)
        #expect(abs((reactive["slack_replica_hours"] as? Double ?? 0) - 9.25) < 1e-9)
        #expect(predictive["scaling_actions"] as? Int == 0 && reactive["scaling_actions"] as? Int == 0)

        try "format_version: 1\nresources:\n  demand: {headroom: {margin: 0.1}}\n".write(toFile: path("margin.yaml"), atomically: true, encoding: .utf8)
        let margin = try json(try run("autoscale", ["backtest", "--data", path("trace.csv"), "--model-type", "naive", "--policy", path("margin.yaml"), "--json"]))
        let withMargin = try #require(margin["predictive"] as? [String: Any])
        #expect(abs((withMargin["slack_replica_hours"] as? Double ?? 0) - 18.5) < 1e-9)
        #expect(withMargin["scaling_actions"] as? Int == 1)
        let svg = try String(contentsOfFile: path("plot.svg"), encoding: .utf8)
        #expect(svg.hasPrefix("<svg") && svg.contains("capacity reactive HPA"))

        let both = try run("autoscale", ["backtest", "--data", path("trace.csv"), "--model-type", "naive", "--model", "m@production"])
        #expect(both.status != 0 && both.stderr.contains("give exactly one of --model NAME@alias or --model-type KIND"))
    }
}
