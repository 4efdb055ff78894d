import Foundation
import TestSupport
import Testing
@testable import Tracking

/// `collectGarbage` on the stage cache beside a registry file (docs/formats/registry.md,
/// "Cache entries"): real folders whose modification times are set explicitly, and an injected
/// clock, so nothing depends on how long the I/O takes.
@Suite struct CacheGarbageCollectionTests {
    /// The clock's time in every test: far from the real time, so only the set times count.
    static let now: Double = 2_000_000_000
    static let grace: Double = 3600

    /// A registry file with a `cache/` folder beside it.
    struct Workspace {
        let folder: TemporaryFolder
        let location: RegistryLocation
        let registry: Registry

        init() throws {
            folder = try TemporaryFolder(prefix: "cache-gc")
            location = RegistryLocation(databasePath: folder.registryPath)
            registry = try Registry.open(location, clock: SteppingClock(start: CacheGarbageCollectionTests.now, tick: 0))
        }

        var cache: URL { URL(fileURLWithPath: location.cachePath, isDirectory: true) }

        func entryURL(_ key: String) -> URL {
            cache.appendingPathComponent("entries/\(key.prefix(2))/\(key)", isDirectory: true)
        }

        /// Writes an entry (two files) and sets every modification time to `modified`.
        func entry(_ key: String, modified: Double) throws {
            try folder(entryURL(key), files: ["manifest.json", "product.json"], modified: modified)
        }

        /// A folder under `cache/tmp/` holding one file, modified at `modified`.
        func temporary(_ name: String, modified: Double) throws {
            try folder(cache.appendingPathComponent("tmp/\(name)", isDirectory: true), files: ["product.json"], modified: modified)
        }

        func folder(_ url: URL, files: [String], modified: Double) throws {
            let fm = FileManager.default
            try fm.createDirectory(at: url, withIntermediateDirectories: true)
            let date = Date(timeIntervalSince1970: modified)
            for name in files {
                let file = url.appendingPathComponent(name)
                try Data("{}".utf8).write(to: file)
                try fm.setAttributes([.modificationDate: date], ofItemAtPath: file.path)
            }
            try fm.setAttributes([.modificationDate: date], ofItemAtPath: url.path)
        }

        func exists(_ url: URL) -> Bool { FileManager.default.fileExists(atPath: url.path) }

        /// A run in `experiment` with the tags `cache.<stage>` = key.
        @discardableResult
        func run(in experiment: String, cache keys: [String: String], otherTags: [String: String] = [:]) throws -> RunID {
            let run = try registry.createRun(RunSpec(experiment: experiment, name: "pipeline tiny"))
            var tags = otherTags
            for (stage, key) in keys { tags["cache.\(stage)"] = key }
            try registry.logBatch(run: run, params: [:], metrics: [], tags: tags)
            return run
        }
    }

    static func key(_ hex: Character) -> String { String(repeating: hex, count: 64) }

    @Test func referencedEntriesStayUnreferencedOldOnesGoRecentOnesStayOldTemporaryFoldersGo() throws {
        let w = try Workspace()
        let old = Self.now - 2 * Self.grace
        let referenced = Self.key("a"), orphan = Self.key("b"), recent = Self.key("c"), otherTag = Self.key("d"), failedRun = Self.key("e")
        try w.entry(referenced, modified: old)
        try w.entry(orphan, modified: old)
        try w.entry(recent, modified: Self.now - 60)
        try w.entry(otherTag, modified: old)
        try w.entry(failedRun, modified: old)
        try w.run(in: "tiny", cache: ["train@naive": referenced], otherTags: ["note": otherTag])
        let failed = try w.run(in: "tiny", cache: ["data": failedRun])
        try w.registry.setStatus(run: failed, .failed)
        // Not of the entry form (prefix not the key's, not hex): never touched.
        let stranger = w.cache.appendingPathComponent("entries/ff/\(Self.key("a"))", isDirectory: true)
        try w.folder(stranger, files: ["x"], modified: old)
        let notHex = w.cache.appendingPathComponent("entries/zz/readme", isDirectory: true)
        try w.folder(notHex, files: ["x"], modified: old)
        try w.temporary("killed-run", modified: old)
        try w.temporary("being-written", modified: Self.now - 10)

        let gc = try w.registry.collectGarbage(fileGracePeriod: Self.grace)

        #expect(gc.removedCacheEntries == [orphan, otherTag], "a tag not named cache.* refers to nothing")
        #expect(gc.keptRecentCacheEntries == 1)
        #expect(gc.removedCacheTemporaryFolders == ["killed-run"])
        #expect(w.exists(w.entryURL(referenced).appendingPathComponent("product.json")))
        #expect(w.exists(w.entryURL(failedRun)), "a failed run's completed stages stay referenced")
        #expect(w.exists(w.entryURL(recent)))
        #expect(!w.exists(w.entryURL(orphan)) && !w.exists(w.entryURL(otherTag)))
        #expect(w.exists(stranger) && w.exists(notHex))
        #expect(!w.exists(w.cache.appendingPathComponent("tmp/killed-run")))
        #expect(w.exists(w.cache.appendingPathComponent("tmp/being-written")))

        // A second pass finds nothing more to do.
        let again = try w.registry.collectGarbage(fileGracePeriod: Self.grace)
        #expect(again.removedCacheEntries.isEmpty && again.removedCacheTemporaryFolders.isEmpty && again.keptRecentCacheEntries == 1)
    }

    @Test func deletingAnExperimentLeavesItsEntriesUnreferencedUnlessAnotherRunUsesThem() throws {
        let w = try Workspace()
        let old = Self.now - 2 * Self.grace
        let shared = Self.key("1"), own = Self.key("2")
        try w.entry(shared, modified: old)
        try w.entry(own, modified: old)
        try w.run(in: "first", cache: ["data": shared, "train@naive": own])
        try w.run(in: "second", cache: ["data": shared])
        #expect(try w.registry.collectGarbage(fileGracePeriod: Self.grace).removedCacheEntries.isEmpty)

        try w.registry.deleteExperiment("first")
        let gc = try w.registry.collectGarbage(fileGracePeriod: Self.grace)
        #expect(gc.removedCacheEntries == [own])
        #expect(w.exists(w.entryURL(shared)) && !w.exists(w.entryURL(own)))
    }

    @Test func noCacheFolderAndTheInMemoryRegistryReportNothing() throws {
        let w = try Workspace()
        try w.run(in: "tiny", cache: ["data": Self.key("a")])
        let gc = try w.registry.collectGarbage(fileGracePeriod: Self.grace)
        #expect(gc.removedCacheEntries.isEmpty && gc.keptRecentCacheEntries == 0 && gc.removedCacheTemporaryFolders.isEmpty)
        #expect(!w.exists(w.cache))
        let memory = try Registry.inMemory().collectGarbage()
        #expect(memory.removedCacheEntries.isEmpty && memory.removedCacheTemporaryFolders.isEmpty)
    }

    @Test func theReportCountsCacheEntriesInTextAndJSON() throws {
        let gc = GarbageCollection(killedRuns: [], removedFiles: [], keptRecentFiles: 0,
                                   removedCacheEntries: [Self.key("b")], keptRecentCacheEntries: 2,
                                   removedCacheTemporaryFolders: ["x", "y"])
        #expect(RegistryReports.garbageCollection(gc) == """
            Marked 0 runs with a stale heartbeat KILLED.
            Removed 0 unreferenced artifact files.
            Removed 1 cache entry no run refers to.
              \(Self.key("b"))
            Kept 2 recent unreferenced cache entries that a running pipeline may still use.
            Removed 2 leftover cache temporary folders.
            """)
        let json = try JSONSerialization.jsonObject(with: Data(JSONOutput.string(gc).utf8)) as? [String: Any]
        #expect(json?["removedCacheEntries"] as? [String] == [Self.key("b")])
        #expect(json?["keptRecentCacheEntries"] as? Int == 2)
        #expect(json?["removedCacheTemporaryFolders"] as? [String] == ["x", "y"])
    }
}
