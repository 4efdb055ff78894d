import Foundation
import TestSupport
import Testing

/// `autoscale pipeline validate` as a real process: the shipped quickstart pipeline is valid
/// and expands to its stages; `--set` changes it; a broken spec is refused with every error.
@Suite struct PipelineValidateCommandTests {
    func validate(_ arguments: [String]) throws -> ProductRunner.Result {
        try ProductRunner(product: "autoscale").run(["pipeline", "validate"] + arguments)
    }

    @Test func quickstartIsValidAndListsItsStages() throws {
        let r = try validate(["Pipelines/quickstart.yaml", "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(object["name"] as? String == "quickstart")
        let stages = try #require(object["stages"] as? [[String: Any]])
        #expect(stages.count == 28)
        #expect(stages.first?["id"] as? String == "data")
        #expect(stages.contains { $0["id"] as? String == "train@cpu-lstm" && ($0["needs"] as? [String]) == ["window@cpu"] })
        let table = try validate(["Pipelines/quickstart.yaml"])
        #expect(table.stdout.hasPrefix("Pipelines/quickstart.yaml: valid — pipeline quickstart, 28 stages"), "\(table.stdout)")
    }

    @Test func setChangesTheExpansion() throws {
        let r = try validate(["Pipelines/quickstart.yaml", "--set", "metrics=[cpu]", "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let ids = try #require(object["stages"] as? [[String: Any]]).compactMap { $0["id"] as? String }
        #expect(!ids.contains { $0.contains("memory") } && ids.contains("train@cpu-naive"), "\(ids)")
    }

    @Test func brokenSpecIsRefusedWithEveryError() throws {
        let folder = try TemporaryFolder()
        let path = try folder.file("broken.yaml", """
            format_version: 1
            name: broken
            stages:
              data:
                kind: ingest
                generate: {days: 2}
              split:
                kind: split
                needs: dta
              train:
                kind: trian
            """)
        let r = try validate([path])
        #expect(r.status != 0)
        #expect(r.stderr.contains("2 errors"), "\(r.stderr)")
        #expect(r.stderr.contains("broken.yaml:9:") && r.stderr.contains("dta"), "\(r.stderr)")
        #expect(r.stderr.contains("broken.yaml:11:") && r.stderr.contains("trian"), "\(r.stderr)")
    }
}
