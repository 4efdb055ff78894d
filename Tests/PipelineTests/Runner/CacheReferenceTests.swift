import Foundation
import Pipeline
import TestSupport
import Testing
import Tracking

/// The parent run's `cache.<stage id>` tags (docs/formats/pipeline-cache.md, "Garbage
/// collection") and what `runs gc` (`Registry.collectGarbage`) makes of them, end to end on
/// a registry file and its cache folder.
@Suite struct CacheReferenceTests {
    /// A registry on the workspace's file whose clock reads ten years from now: every file
    /// and entry is far older than the grace period, so only references keep them.
    static func registryInTheFuture(_ w: TinyPipeline.Workspace) throws -> Registry {
        try Registry.open(w.location, create: false, clock: SteppingClock(start: Date().timeIntervalSince1970 + 10 * 365 * 86_400, tick: 0))
    }

    static func cacheTags(_ details: RunDetails) -> [String: String] {
        details.tags.filter { $0.key.hasPrefix("cache.") }
    }

    @Test func gcKeepsEveryEntryARunUsedAndRemovesThemOnceItsExperimentIsDeleted() throws {
        let w = try TinyPipeline.Workspace()
        let report = try w.run()
        #expect(report.failed.isEmpty && report.executed == 10, "\(report.stages)")
        let cache = StageCache(besideRegistry: w.location.databasePath)
        let entries = try cache.keys()
        #expect(entries.count == 10)

        let registry = try Self.registryInTheFuture(w)
        let tags = Self.cacheTags(try registry.runDetails(try #require(report.run)))
        let expected = Dictionary(uniqueKeysWithValues: report.stages.map { ("cache.\($0.id)", $0.key ?? "no key") })
        #expect(tags == expected)
        #expect(Set(tags.values) == Set(entries))

        // A second invocation reuses every stage and tags the same keys.
        let again = try w.run()
        #expect(again.reused == 10)
        #expect(Self.cacheTags(try registry.runDetails(try #require(again.run))) == expected)

        let kept = try registry.collectGarbage()
        #expect(kept.removedCacheEntries.isEmpty && kept.keptRecentCacheEntries == 0, "\(kept)")
        #expect(try cache.keys() == entries)

        try registry.deleteExperiment(report.experiment)
        let removed = try registry.collectGarbage()
        #expect(removed.removedCacheEntries == entries)
        #expect(try cache.keys().isEmpty)
        #expect(RegistryReports.garbageCollection(removed).contains("Removed 10 cache entries no run refers to."))
    }

    @Test func aRunWithAFailedStageTagsOnlyTheStagesThatCompleted() throws {
        // One day of data is too short for snaive's validation refit: train@snaive fails and
        // evaluate@snaive is skipped (as in PipelineRunnerTests).
        let w = try TinyPipeline.Workspace(yaml: TinyPipeline.yaml.replacingOccurrences(of: "days: 2", with: "days: 1"))
        let report = try w.run()
        #expect(report.outcome("train@snaive") == "failed" && report.outcome("evaluate@snaive") == "skipped", "\(report.stages)")
        let tags = Self.cacheTags(try w.registry().runDetails(try #require(report.run)))
        let completed = report.stages.filter { $0.outcome == "executed" || $0.outcome == "reused" }
        #expect(tags == Dictionary(uniqueKeysWithValues: completed.map { ("cache.\($0.id)", $0.key ?? "no key") }))
        #expect(tags["cache.train@snaive"] == nil && tags["cache.evaluate@snaive"] == nil)
        #expect(tags["cache.train@naive"] != nil)
    }

    @Test func anInvocationStoppedHalfWayTagsTheStagesThatCompletedBeforeIt() throws {
        let w = try TinyPipeline.Workspace()
        let first = try w.run()
        let keys = Dictionary(uniqueKeysWithValues: first.stages.map { ($0.id, $0.key ?? "no key") })
        // An unreadable manifest stops the next invocation at `split`, after data and series were reused.
        let cache = StageCache(besideRegistry: w.location.databasePath)
        let split = try #require(keys["split"])
        try Data("not json".utf8).write(to: cache.file(split, "manifest.json"))
        #expect(throws: PipelineRunError.self) { try w.run() }

        let failed = try w.registry().searchRuns(RunSearch(filter: "tags.pipeline = 'tiny' and attributes.status = 'failed'")).runs
        let parent = try #require(failed.first?.id)
        #expect(failed.count == 1)
        let data = try #require(keys["data"]), series = try #require(keys["series"])
        #expect(Self.cacheTags(try w.registry().runDetails(parent)) == ["cache.data": data, "cache.series": series])
    }
}
