import Foundation
import GRDB
import TestSupport
import Testing
@testable import Tracking

/// Real worker processes (`runs _trial-worker`) sharing one registry file: every trial claimed
/// exactly once, a worker killed with SIGKILL inside a trial loses it to the queue, finished
/// trials are never run again. Nothing here depends on how long a write takes.
@Suite(.serialized) struct SweepWorkerProcessTests {
    /// A registry file with a sweep run and trials 0..<count queued.
    static func sweepWithTrials(_ count: Int, in folder: TemporaryFolder) throws -> (Registry, RunID) {
        let registry = try Registry.open(RegistryLocation(databasePath: folder.registryPath))
        let sweep = try registry.createRun(RunSpec(experiment: "sweep", name: "sweep"))
        for number in 0..<count {
            #expect(try registry.enqueueTrial(sweep: sweep, number: number, params: "{\"trial\":\(number)}"))
        }
        return (registry, sweep)
    }

    /// The trial numbers a worker printed (`claimed <n> attempt <a> run <id>` per line).
    static func claimedNumbers(_ output: String) -> [Int] {
        output.split(separator: "\n").compactMap { line in
            let words = line.split(separator: " ")
            return words.first == "claimed" && words.count > 1 ? Int(words[1]) : nil
        }
    }

    @Test func threeWorkersClaimFortyTrialsExactlyOnce() throws {
        let runs = try ProductRunner(product: "runs")
        let folder = try TemporaryFolder()
        let (registry, sweep) = try Self.sweepWithTrials(40, in: folder)
        // A short hold inside each trial keeps the three workers' claims interleaved (nothing is timed).
        let workers = try (0..<3).map { index in
            try runs.start(["_trial-worker", "--db", folder.registryPath, "--sweep", sweep.rawValue, "--worker", "w\(index)",
                            "--hold-seconds", "0.02"])
        }
        var claimed: [Int] = []
        for (process, out, err) in workers {
            let output = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            let errors = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationStatus == 0, "worker failed: \(errors)")
            claimed += Self.claimedNumbers(output)
        }
        #expect(claimed.count == 40, "claims: \(claimed.sorted())")
        #expect(claimed.sorted() == Array(0..<40))
        let trials = try registry.trials(sweep: sweep)
        #expect(trials.map(\.number) == Array(0..<40))
        #expect(trials.allSatisfy { $0.state == .complete && $0.attempts == 1 && $0.objective == Double($0.number) })
        // One child run per trial, each FINISHED with its trial.
        let children = try registry.searchRuns(RunSearch(filter: "attributes.parent = '\(sweep.rawValue)'")).runs
        #expect(children.count == 40)
        #expect(children.allSatisfy { $0.status == .finished })
        #expect(Set(trials.compactMap(\.run)) == Set(children.map(\.id)))
    }

    @Test func killedWorkerLosesItsTrialToTheQueueAndFinishedTrialsStayFinished() throws {
        let runs = try ProductRunner(product: "runs")
        let folder = try TemporaryFolder()
        let (registry, sweep) = try Self.sweepWithTrials(5, in: folder)
        // Trials 0 and 1 are finished before the worker starts.
        for _ in 0..<2 {
            let claim = try #require(try registry.claimTrial(sweep: sweep, worker: "test", staleAfter: 120))
            try registry.finishTrial(claim, state: .complete, objective: -1)
        }
        // The worker claims trial 2 and holds it until it is killed.
        let (process, out, _) = try runs.start(["_trial-worker", "--db", folder.registryPath, "--sweep", sweep.rawValue,
                                                "--worker", "doomed", "--hold-seconds", "600"])
        let line = try #require(readLine(from: out.fileHandleForReading), "the worker exited before claiming")
        let words = line.split(separator: " ").map(String.init)
        #expect(Array(words.prefix(4)) == ["claimed", "2", "attempt", "1"])
        let doomedRun = try RunID(try #require(words.last))
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)

        // Within the staleness window the dead worker's trial is still its own: the next claim skips it.
        let third = try #require(try registry.claimTrial(sweep: sweep, worker: "test", staleAfter: 3600))
        #expect(third.number == 3 && third.requeued.isEmpty)
        try registry.finishTrial(third, state: .complete, objective: 3)

        // Seen from past the window, the claim requeues trial 2 and takes it again: attempt 2.
        let later = SteppingClock(start: Date().timeIntervalSince1970 + 7200, tick: 0)
        let late = try Registry.open(RegistryLocation(databasePath: folder.registryPath), create: false, clock: later, staleAfter: 120)
        let again = try #require(try late.claimTrial(sweep: sweep, worker: "rescuer", staleAfter: 120))
        #expect(again.number == 2 && again.attempt == 2 && again.requeued == [2])
        let stored = try late.read { db in try String.fetchOne(db, sql: "SELECT status FROM runs WHERE id = ?", arguments: [doomedRun.rawValue]) }
        #expect(stored == "KILLED")
        #expect(try late.runDetails(doomedRun).header.status == .killed)
        try late.finishTrial(again, state: .complete, objective: 2)

        // The sweep run again: a fresh worker runs only what is left (trial 4), nothing finished twice.
        let (status, output, errors) = try runs.run(["_trial-worker", "--db", folder.registryPath, "--sweep", sweep.rawValue,
                                                     "--worker", "second-life"]).components
        #expect(status == 0, "\(errors)")
        #expect(Self.claimedNumbers(output) == [4])
        let trials = try registry.trials(sweep: sweep)
        #expect(trials.map(\.state) == Array(repeating: TrialState.complete, count: 5))
        #expect(trials.map(\.attempts) == [1, 1, 2, 1, 1])
        #expect(trials.map(\.worker) == ["test", "test", "rescuer", "test", "second-life"])
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
