import Foundation
import GRDB
import TestSupport
import Testing
@testable import Tracking

/// Real writer processes (`runs _stress-writer`, `runs _heartbeat-writer`) against one registry file.
@Suite(.serialized) struct MultiProcessTests {
    @Test func eightConcurrentWritersLoseNothing() throws {
        let runs = try ProductRunner(product: "runs")
        let folder = try TemporaryFolder()
        // The registry does not exist yet: the writers also race to create and migrate it.
        let writers = try (0..<8).map { _ in
            try runs.start(["_stress-writer", "--db", folder.registryPath, "--points", "10000", "--batch", "10"])
        }
        var runIds: [String] = []
        for (process, out, err) in writers {
            let output = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            let errors = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationStatus == 0, "writer failed: \(errors)")
            #expect(!errors.localizedCaseInsensitiveContains("locked"), "\(errors)")
            runIds.append(output.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        let registry = try Registry.open(RegistryLocation(databasePath: folder.registryPath), create: false)
        let (rows, perRun, latest) = try registry.read { db in
            (try Int.fetchOne(db, sql: "SELECT count(*) FROM metrics") ?? -1,
             try Int.fetchAll(db, sql: "SELECT count(*) FROM metrics GROUP BY run"),
             try Double.fetchAll(db, sql: "SELECT value FROM latest_metrics"))
        }
        #expect(rows == 80_000)
        #expect(perRun == Array(repeating: 10_000, count: 8))
        #expect(latest == Array(repeating: 9_999, count: 8))
        #expect(Set(runIds).count == 8)
        let finished = try registry.searchRuns(RunSearch(statuses: [.finished])).runs.count
        #expect(finished == 8)
    }

    @Test func killedWriterIsSeenAsKilledAndLeavesNoHalfBatch() throws {
        let runs = try ProductRunner(product: "runs")
        let folder = try TemporaryFolder()
        let batch = 1000
        let (process, out, _) = try runs.start(
            ["_heartbeat-writer", "--db", folder.registryPath, "--batch", String(batch), "--interval", "0"])
        let line = try #require(readLine(from: out.fileHandleForReading))
        let run = try RunID(line)
        let location = RegistryLocation(databasePath: folder.registryPath)
        let observer = try Registry.open(location, create: false)
        // Wait until the writer has committed a few batches (bounded so a broken writer cannot hang the test).
        var committed = 0
        for _ in 0..<6000 where committed < 5 * batch {
            committed = try observer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM metrics") ?? 0 }
            Thread.sleep(forTimeInterval: 0.01)
        }
        #expect(committed >= 5 * batch, "the writer never committed five batches")
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)

        // Seen from a clock well past the staleness window, the dead run reads as KILLED…
        let later = SteppingClock(start: Date().timeIntervalSince1970 + 3600, tick: 0)
        let registry = try Registry.open(location, create: false, clock: later, staleAfter: 60)
        #expect(try registry.runDetails(run).header.status == .killed)
        #expect(try registry.searchRuns(RunSearch(filter: "attributes.status = 'KILLED'")).runs.map(\.id) == [run])
        // …and gc records it.
        #expect(try registry.collectGarbage().killedRuns == [run])
        let (stored, rows, maxStep, latestStep, tag, integrity) = try registry.read { db in
            (try String.fetchOne(db, sql: "SELECT status FROM runs WHERE id = ?", arguments: [run.rawValue]),
             try Int.fetchOne(db, sql: "SELECT count(*) FROM metrics") ?? -1,
             try Int.fetchOne(db, sql: "SELECT max(step) FROM metrics"),
             try Int.fetchOne(db, sql: "SELECT step FROM latest_metrics WHERE key = 'loss'"),
             try String.fetchOne(db, sql: "SELECT value FROM tags WHERE key = 'step'"),
             try String.fetchOne(db, sql: "PRAGMA integrity_check"))
        }
        #expect(stored == "KILLED")
        #expect(integrity == "ok")
        // Whole batches only: every committed batch has all its points, its latest value and its tag.
        #expect(rows % batch == 0)
        #expect(rows == ((maxStep ?? -1) + 1) * batch)
        #expect(latestStep == maxStep)
        #expect(tag == maxStep.map(String.init))
    }

    @Test func helpIsStable() throws {
        let runs = try ProductRunner(product: "runs")
        let (status, output, _) = try runs.run(["list", "--help"]).components
        #expect(status == 0)
        try golden.check(output, named: "help-list")
    }

    private func readLine(from handle: FileHandle) -> String? {
        var bytes = Data()
        while true {
            let byte = handle.readData(ofLength: 1)
            if byte.isEmpty { return bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self) }
            if byte == Data("\n".utf8) { return String(decoding: bytes, as: UTF8.self) }
            bytes.append(byte)
        }
    }
}
