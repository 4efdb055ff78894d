import Foundation
import TestSupport
import Testing

/// `autoscale demo` (the built-in quickstart pipeline) as a real process in an empty folder:
/// no spec or config files, flags mapped to `--set`, an unchanged rerun reusing every stage.
@Suite struct DemoCommandTests {
    static let small = ["--days", "1", "--set", "metrics=[cpu]", "--set", "models=[naive]"]

    func outcomes(_ result: ProductRunner.Result) throws -> [String: String] {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], "\(result.stdout)\n\(result.stderr)")
        let stages = try #require(object["stages"] as? [[String: Any]])
        return Dictionary(uniqueKeysWithValues: stages.map { ($0["id"] as! String, $0["outcome"] as! String) })
    }

    @Test func demoRunsTheQuickstartWithNoFilesAndPromotesTheBest() throws {
        let folder = try TemporaryFolder(prefix: "demo")
        let runner = try ProductRunner(product: "autoscale")
        let first = try runner.run(["demo"] + Self.small, in: folder.url)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("pipeline quickstart: 9 executed, 0 reused, 0 failed, 0 skipped"), "\(first.stdout)")
        #expect(first.stdout.contains("registered autoscale-cpu version 1 as production"), "\(first.stdout)")
        #expect(first.stdout.contains("next: runs show ") && first.stdout.contains("runs models"), "\(first.stdout)")
        #expect(first.stderr.contains("[9/9] "), "\(first.stderr)")
        // The embedded spec and configs were written beside the default registry.
        let spec = folder.url.appendingPathComponent("experiments/builtin/Pipelines/quickstart.yaml")
        let shipped = RealData.packageRoot.appendingPathComponent("Pipelines/quickstart.yaml")
        #expect(try Data(contentsOf: spec) == Data(contentsOf: shipped))

        // Unchanged: every stage reused. --seed is --set seed: the data and all after it rerun.
        let again = try runner.run(["demo", "--json"] + Self.small, in: folder.url)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(Set(try outcomes(again).values) == ["reused"])
        let reseeded = try runner.run(["demo", "--json", "--seed", "7"] + Self.small, in: folder.url)
        #expect(reseeded.status == 0, "\(reseeded.stderr)")
        let changed = try outcomes(reseeded)
        #expect(changed["data"] == "executed" && changed["train@cpu-naive"] == "executed", "\(changed)")

        // The production alias points at a model the registry can show.
        let models = try ProductRunner(product: "runs").run(["models", "--json"], in: folder.url)
        #expect(models.status == 0, "\(models.stderr)")
        #expect(models.stdout.contains("autoscale-cpu") && models.stdout.contains("production"), "\(models.stdout)")
    }

    @Test func demoRecordsInTheRegistryGivenByDb() throws {
        let folder = try TemporaryFolder(prefix: "demo-db")
        let db = folder.url.appendingPathComponent("elsewhere/registry.sqlite").path
        let result = try ProductRunner(product: "autoscale").run(["demo", "--db", db, "--jobs", "1", "--json"] + Self.small, in: folder.url)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(Set(try outcomes(result).values) == ["executed"])
        #expect(FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("elsewhere/builtin/Configs/cpu.yaml").path))
        #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("experiments").path))
        let list = try ProductRunner(product: "runs").run(["list", "--db", db, "--filter", "tags.pipeline = 'quickstart' and tags.command = 'pipeline run'", "--json"], in: folder.url)
        #expect(list.status == 0, "\(list.stderr)")
        let runs = try #require((try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [String: Any])?["runs"] as? [[String: Any]])
        #expect(runs.count == 1 && runs.first?["status"] as? String == "FINISHED", "\(list.stdout)")
    }
}
