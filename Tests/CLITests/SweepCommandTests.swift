import Foundation
import TestSupport
import Testing
import Tracking

/// `autoscale pipeline run --workers N` on a sweep as real processes sharing one registry
/// file: extra worker processes never run a trial another worker runs, and a worker killed
/// with kill -9 inside a trial leaves its run KILLED and its trial to the next claim, while
/// a rerun of the killed sweep redoes none of its finished trials.
@Suite struct SweepCommandTests {
    /// Two days of 5-minute cpu data and a grid over ARIMA orders (`points` trials).
    static func spec(p: String = "[0, 1]", q: String = "[0, 1]") -> String {
        """
        format_version: 1
        name: sweep-cli
        stages:
          data:
            kind: ingest
            generate: {containers: 1, days: 2, interval: 5m, seed: 7}
          series: {kind: preprocess, needs: data, metric: cpu}
          split: {kind: split, needs: series}
          train:
            kind: train
            needs: split
            model: arima
            sweep:
              method: grid
              trials: 20
              objective: min metrics.val_mae_15m
              parameters:
                model.arima.p: \(p)
                model.arima.q: \(q)
          evaluate: {kind: evaluate, needs: train}
        """
    }

    struct Workspace {
        let folder: TemporaryFolder
        let spec: String
        var db: String { folder.url.appendingPathComponent("experiments/registry.sqlite").path }

        init(_ yaml: String) throws {
            folder = try TemporaryFolder(prefix: "sweep-cli")
            spec = try folder.file("sweep.yaml", yaml)
        }

        func run(_ extra: [String]) throws -> ProductRunner.Result {
            try ProductRunner(product: "autoscale").run(["pipeline", "run", spec, "--db", db, "--json"] + extra, in: folder.url)
        }

        func registry() throws -> Registry { try Registry.open(RegistryLocation(databasePath: db), create: false) }

        /// The one sweep run of the registry (tagged `sweep=train`) and its trials.
        func sweep() throws -> (RunID, [SweepTrial]) {
            let registry = try registry()
            let runs = try registry.searchRuns(RunSearch(filter: "tags.sweep = 'train'")).runs.filter { $0.name == "sweep train" }
            try #require(runs.count == 1, "\(runs.map(\.name))")
            return (runs[0].id, try registry.trials(sweep: runs[0].id))
        }
    }

    @Test func twoWorkerProcessesNeverRunTheSameTrial() throws {
        let w = try Workspace(Self.spec(p: "[0, 1, 2]"))
        let r = try w.run(["--workers", "2"])
        #expect(r.status == 0, "\(r.stderr)")
        let (sweep, trials) = try w.sweep()
        #expect(trials.map(\.number) == Array(0..<6))
        #expect(trials.allSatisfy { $0.state == .complete && $0.attempts == 1 })
        #expect(Set(trials.map(\.params)).count == 6)
        // One trial run per trial, no more: no trial was run by both workers.
        let registry = try w.registry()
        let children = try registry.runDetails(sweep).childRuns
        #expect(children.count == 6)
        #expect(Set(children.map(\.id)) == Set(trials.compactMap(\.run)))
        let workers = Set(trials.compactMap(\.worker))
        #expect(workers.isSubset(of: ["\(sweep.short)-w0", "\(sweep.short)-w1"]), "\(workers)")
        for trial in trials {
            let run = try registry.runDetails(try #require(trial.run))
            #expect(run.tags["worker"] == trial.worker && run.tags["trial"] == String(trial.number))
        }
        #expect(try registry.runDetails(sweep).tags["workers"] == "2")

        // --json: the sweep's table, one row per trial, the best marked by its number.
        let report = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let sweeps = try #require(report["sweeps"] as? [[String: Any]])
        #expect(sweeps.count == 1)
        let rows = try #require(sweeps.first?["trials"] as? [[String: Any]])
        #expect(rows.compactMap { $0["number"] as? Int } == Array(0..<6))
        #expect(rows.allSatisfy { $0["status"] as? String == "complete" && $0["objective"] is Double && $0["seconds"] is Double })
        #expect(rows.allSatisfy { ($0["params"] as? String)?.contains("model.arima.p=") == true })
        let best = try #require(trials.min { $0.objective! < $1.objective! })
        #expect(sweeps.first?["bestTrial"] as? Int == best.number)
    }

    @Test func aWorkerKilledInATrialLeavesItKilledAndTheRerunFinishesOnlyWhatIsLeft() throws {
        let w = try Workspace(Self.spec())
        // The process holds trial 2 (after finishing 0 and 1), says so, and is killed there.
        let (process, _, stderr) = try ProductRunner(product: "autoscale").start(
            ["pipeline", "run", w.spec, "--db", w.db, "--hold-trial", "2", "--stale-after", "1"], in: w.folder.url)
        let (heldRun, pid) = try Self.waitForHold(trial: 2, stderr)
        #expect(pid == process.processIdentifier)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()

        let (sweep, before) = try w.sweep()
        #expect(before.map(\.state) == [.complete, .complete, .running])
        #expect(before[2].run?.rawValue == String(heldRun))
        // Nothing half-written: the sweep stage stored no cache entry (ingest, preprocess, split only).
        let entries = try FileManager.default.subpathsOfDirectory(atPath: w.folder.url.appendingPathComponent("experiments/cache/entries").path)
        #expect(entries.filter { $0.hasSuffix("manifest.json") }.count == 3, "\(entries)")

        // Run again: the sweep run is found again; trial 2 is requeued once stale, its old run
        // KILLED; trials 0 and 1 are not run again; every trial ends complete exactly once.
        let r = try w.run(["--stale-after", "1"])
        #expect(r.status == 0, "\(r.stderr)")
        let (again, trials) = try w.sweep()
        #expect(again == sweep)
        #expect(trials.map(\.number) == [0, 1, 2, 3])
        #expect(trials.allSatisfy { $0.state == .complete })
        #expect(trials.map(\.attempts) == [1, 1, 2, 1])
        #expect(trials[0].run == before[0].run && trials[1].run == before[1].run)
        #expect(trials[2].run != before[2].run)
        let registry = try w.registry()
        #expect(try registry.runDetails(try RunID(String(heldRun))).header.status == .killed)
        let children = try registry.runDetails(sweep).childRuns
        #expect(children.count == 5) // four trials and the killed attempt
        #expect(children.filter { $0.status == .finished }.count == 4)
    }

    /// With `--workers 2`, whichever process first claims trial 1 holds it and is killed: an
    /// extra worker (then the pipeline's process requeues and finishes the trial once the
    /// worker is stale) or the pipeline's process (then the extra worker does, and a rerun
    /// finishes the stage). Either way, after a rerun every trial is complete exactly once.
    @Test func aWorkerProcessKilledInATrialOfASharedSweepIsReplaced() throws {
        let w = try Workspace(Self.spec())
        let (process, _, stderr) = try ProductRunner(product: "autoscale").start(
            ["pipeline", "run", w.spec, "--db", w.db, "--workers", "2", "--hold-trial", "1", "--stale-after", "1"], in: w.folder.url)
        let (heldRun, pid) = try Self.waitForHold(trial: 1, stderr)
        kill(pid, SIGKILL)
        process.waitUntilExit()
        let r = try w.run(["--stale-after", "1"])
        #expect(r.status == 0, "\(r.stderr)")
        let (sweep, trials) = try w.sweep()
        #expect(trials.map(\.number) == [0, 1, 2, 3])
        #expect(trials.allSatisfy { $0.state == .complete })
        // Trial 1 ran twice. When the pipeline's process was the one killed, its extra worker
        // exits too (ParentWatch) and may leave the trial it was running for the rerun.
        #expect(trials[1].attempts == 2 && trials.allSatisfy { $0.attempts <= 2 }, "\(trials.map(\.attempts))")
        let registry = try w.registry()
        #expect(try registry.runDetails(try RunID(heldRun)).header.status == .killed)
        let children = try registry.runDetails(sweep).childRuns
        #expect(children.count == trials.map(\.attempts).reduce(0, +))
        #expect(children.filter { $0.status == .finished }.count == 4)
    }

    /// kill -9 of the pipeline's process: its extra workers notice that their parent is gone
    /// and exit (they would otherwise go on claiming trials beside the next run), and the
    /// next run finishes the sweep with every trial complete exactly once.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/proc/self/stat"), "finds the worker processes through /proc"))
    func extraWorkersExitWhenThePipelineProcessIsKilled() throws {
        let w = try Workspace(Self.spec(p: "[0, 1, 2]"))
        let (process, _, stderr) = try ProductRunner(product: "autoscale").start(
            ["pipeline", "run", w.spec, "--db", w.db, "--workers", "3", "--hold-trial", "0", "--stale-after", "600"], in: w.folder.url)
        // With a 600 s stale window, a worker left alone would wait for (or hold) trial 0 for minutes.
        _ = try Self.waitForHold(trial: 0, stderr)
        let workers = try Self.children(of: process.processIdentifier)
        #expect(workers.count == 2, "\(workers)")
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        // A deadline for the wait, not a measurement: they poll their parent twice a second.
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline, try workers.contains(where: Self.isAlive) { Thread.sleep(forTimeInterval: 0.1) }
        #expect(try !workers.contains(where: Self.isAlive), "workers \(workers) outlived the pipeline process")

        let r = try w.run(["--stale-after", "1"])
        #expect(r.status == 0, "\(r.stderr)")
        let (sweep, trials) = try w.sweep()
        #expect(trials.map(\.number) == Array(0..<6))
        #expect(trials.allSatisfy { $0.state == .complete }, "\(trials.map(\.state))")
        let children = try w.registry().runDetails(sweep).childRuns
        #expect(children.filter { $0.status == .finished }.count == 6)
        #expect(Set(trials.compactMap(\.run)).count == 6)
    }

    /// The pids whose parent is `parent` (field 4 of /proc/PID/stat, after the command's `)`).
    static func children(of parent: Int32) throws -> [Int32] {
        try FileManager.default.contentsOfDirectory(atPath: "/proc").compactMap { Int32($0) }.filter { pid in
            // nil: the process ended after the listing.
            guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/stat") else { return false }
            let stat = String(decoding: data, as: UTF8.self)
            guard let close = stat.lastIndex(of: ")") else { return false }
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            return fields.count > 1 && Int32(fields[1]) == parent
        }
    }

    /// Whether `pid` still runs (a zombie, ended but not yet reaped by its new parent, does not).
    static func isAlive(_ pid: Int32) throws -> Bool {
        guard let stat = FileManager.default.contents(atPath: "/proc/\(pid)/stat") else { return false }
        let text = String(decoding: stat, as: UTF8.self)
        guard let close = text.lastIndex(of: ")") else { return false }
        return text[text.index(after: close)...].split(separator: " ").first != "Z"
    }

    /// Reads the run's standard error until `holding trial N run ID pid P`; (ID, P).
    static func waitForHold(trial: Int, _ stderr: Pipe) throws -> (run: String, pid: Int32) {
        var said = ""
        while true {
            // Complete lines only: a chunk may end inside the pid.
            for line in said.components(separatedBy: "\n").dropLast() where line.hasPrefix("holding trial \(trial) run ") {
                let words = line.split(separator: " ")
                if words.count == 7, let pid = Int32(words[6]) { return (String(words[4]), pid) }
            }
            let chunk = stderr.fileHandleForReading.availableData
            try #require(!chunk.isEmpty, "the run ended before holding trial \(trial): \(said)")
            said += String(decoding: chunk, as: UTF8.self)
        }
    }
}
