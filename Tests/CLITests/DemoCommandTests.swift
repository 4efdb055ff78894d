import Foundation
import TestSupport
import Testing

/// `autoscale demo` (every metric in one process) as a real process in a scratch folder.
@Suite struct DemoCommandTests {
    @Test func smallDemoScoresEveryMetricAndModel() throws {
        let runner = try ProductRunner(product: "autoscale")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("demo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let r = try runner.run(["demo", "--containers", "1", "--days", "3", "--models", "naive,snaive", "--json"], in: folder)
        #expect(r.status == 0, "\(r.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let rows = try #require(object["rows"] as? [[String: Any]])
        #expect(rows.count == 6 * 2)
        let metrics = Set(rows.compactMap { $0["metric"] as? String })
        #expect(metrics == ["cpu", "memory", "disk_reads", "disk_writes", "network_rx", "network_tx"])
        // Off a terminal, progress is one stderr line per finished evaluation, in order.
        let progress = r.stderr.split(separator: "\n").filter { $0.hasPrefix("[") }
        #expect(progress.count == 12, "\(r.stderr)")
        #expect(progress.enumerated().allSatisfy { $0.element.hasPrefix("[\($0.offset + 1)/12] ") }, "\(r.stderr)")
        #expect(progress.first?.contains("/cpu naive: ") == true, "\(r.stderr)")
        // The generated CSV is where the job said: 3 days at 15 s, 6 metrics, one header.
        let csv = try String(contentsOf: folder.appendingPathComponent("data/generated.csv"), encoding: .utf8)
        #expect(csv.split(separator: "\n").count == 1 + 3 * 5760 * 6)
        // Counters are scored as rates: one point fewer than the gauge series.
        let n = Dictionary(rows.map { (($0["metric"] as? String) ?? "", (($0["report"] as? [String: Any])?["n"] as? Int) ?? 0) }, uniquingKeysWith: { a, _ in a })
        #expect(n["cpu"] == 3 * 5760)
        #expect(n["disk_reads"] == 3 * 5760 - 1)
        // Each evaluation was recorded as a finished run in the default registry.
        let runs = try ProductRunner(product: "runs")
        let list = try runs.run(["list", "--experiment", "demo", "--json"], in: folder)
        #expect(list.status == 0, "\(list.stderr)")
        let listed = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [String: Any])
        let recorded = try #require(listed["runs"] as? [[String: Any]])
        #expect(recorded.count == 12)
        #expect(recorded.allSatisfy { $0["status"] as? String == "FINISHED" })
    }

    @Test func sameSeedSameNumbers() throws {
        let runner = try ProductRunner(product: "autoscale")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("demo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let args = ["demo", "--containers", "1", "--days", "2", "--models", "naive", "--no-tracking", "--json"]
        let a = try runner.run(args, in: folder), b = try runner.run(args, in: folder)
        #expect(a.status == 0 && b.status == 0)
        // fit/forecast seconds differ run to run; everything else must not.
        func stripTimes(_ s: String) -> String {
            s.split(separator: "\n").filter { !$0.contains("_seconds") }.joined(separator: "\n")
        }
        #expect(stripTimes(a.stdout) == stripTimes(b.stdout))
    }
}
