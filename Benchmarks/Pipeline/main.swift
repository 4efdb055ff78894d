import Foundation

// bench-pipeline: the pipeline runner's targets (issue 10) against DVC, side by side in one run
// (Benchmarks/README.md, "Pipelines"). Every command is a fresh process of the release
// `autoscale` beside this binary, or of `dvc` from a virtual environment this benchmark creates.
//   (1) unchanged rerun: first run vs a rerun that executes no stage (Pipelines/quickstart.yaml,
//       and the 10-stage pipeline on both sides: `autoscale pipeline run` vs `dvc repro`);
//   (2) `autoscale pipeline status` vs `dvc status` on the 10-stage pipeline, everything up to date;
//   (3) `--jobs 2` vs `--jobs 1` with `--force` on parallel.yaml (independent AutoARIMA stages).
// Options: --reps N (5) --parallel-reps N (3) --quickstart-set NAME=VALUE (repeatable)
//          --no-quickstart --no-dvc --no-parallel --keep (keep the temporary folder)
// Environment: PIPELINE_BENCH_VENV (default ~/.cache/autoscale/dvc-venv), created with
// `python3 -m venv` and `pip install dvc` when it has no bin/dvc.

struct Options {
    var reps = 5
    var parallelReps = 3
    var quickstartSets: [String] = []
    var quickstart = true
    var dvc = true
    var parallel = true
    var keep = false

    init(_ arguments: [String]) {
        var i = 0
        while i < arguments.count {
            let next = i + 1 < arguments.count ? arguments[i + 1] : nil
            switch arguments[i] {
            case "--reps": reps = next.flatMap(Int.init) ?? reps; i += 1
            case "--parallel-reps": parallelReps = next.flatMap(Int.init) ?? parallelReps; i += 1
            case "--quickstart-set": if let next { quickstartSets.append(next) }; i += 1
            case "--no-quickstart": quickstart = false
            case "--no-dvc": dvc = false
            case "--no-parallel": parallel = false
            case "--keep": keep = true
            default:
                print("unknown option \(arguments[i]); options: --reps N --parallel-reps N --quickstart-set NAME=VALUE --no-quickstart --no-dvc --no-parallel --keep")
                exit(2)
            }
            i += 1
        }
        reps = max(1, reps)
        parallelReps = max(1, parallelReps)
    }
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// One finished child process: wall seconds (spawn to exit), CPU seconds (user + system of the
/// child, from RUSAGE_CHILDREN), exit status and what it printed.
struct Measured {
    var wall: Double
    var cpu: Double
    var status: Int32
    var stdout: Data
    var stderr: String
}

func cpuOfChildren() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_CHILDREN.rawValue, &usage)
    return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
}

/// Runs `executable arguments` in `folder`; output goes to files (no pipe to fill up).
func measure(_ executable: String, _ arguments: [String], in folder: URL, environment: [String: String]? = nil,
             check: Bool = true) throws -> Measured {
    let out = folder.appendingPathComponent(".bench-stdout"), err = folder.appendingPathComponent(".bench-stderr")
    _ = FileManager.default.createFile(atPath: out.path, contents: nil)
    _ = FileManager.default.createFile(atPath: err.path, contents: nil)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.currentDirectoryURL = folder
    if let environment { process.environment = environment }
    let outHandle = try FileHandle(forWritingTo: out), errHandle = try FileHandle(forWritingTo: err)
    process.standardOutput = outHandle
    process.standardError = errHandle
    let cpuBefore = cpuOfChildren()
    let start = DispatchTime.now().uptimeNanoseconds
    try process.run()
    process.waitUntilExit()
    let wall = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    let cpu = cpuOfChildren() - cpuBefore
    try outHandle.close()
    try errHandle.close()
    let result = Measured(wall: wall, cpu: cpu, status: process.terminationStatus, stdout: try Data(contentsOf: out),
                          stderr: String(decoding: try Data(contentsOf: err), as: UTF8.self))
    try FileManager.default.removeItem(at: out)
    try FileManager.default.removeItem(at: err)
    if check, result.status != 0 {
        throw BenchError("\(URL(fileURLWithPath: executable).lastPathComponent) \(arguments.joined(separator: " ")) exited with \(result.status):\n\(result.stderr)\(String(decoding: result.stdout, as: UTF8.self).prefix(4000))")
    }
    return result
}

/// Wall seconds of `count` copies of `executable arguments` started together, each in its own
/// folder (`folders[i]`), until the last exits: how many cores the machine gives us right now.
func measureTogether(_ executable: String, _ arguments: [String], in folders: [URL]) throws -> Double {
    let processes = folders.map { folder -> Process in
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = folder
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        return process
    }
    let start = DispatchTime.now().uptimeNanoseconds
    for process in processes { try process.run() }
    for process in processes { process.waitUntilExit() }
    let wall = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    if let bad = processes.first(where: { $0.terminationStatus != 0 }) {
        throw BenchError("\(arguments.joined(separator: " ")) exited with \(bad.terminationStatus) when run \(folders.count) at once")
    }
    return wall
}

/// Progress, on standard error (unbuffered, so it shows when the output goes to a file).
func note(_ line: String) { FileHandle.standardError.write(Data((line + "\n").utf8)) }

func median(_ xs: [Double]) -> Double {
    let s = xs.sorted()
    guard !s.isEmpty else { return .nan }
    return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
}

func seconds(_ x: Double) -> String { x.isNaN ? "—" : (x < 1 ? String(format: "%.3f", x) : String(format: "%.2f", x)) }
func ratio(_ x: Double) -> String { x.isNaN ? "—" : (x >= 10 ? String(format: "%.0f×", x) : String(format: "%.2f×", x)) }
func range(_ xs: [Double]) -> String { xs.isEmpty ? "" : "\(seconds(xs.min()!))–\(seconds(xs.max()!))" }

func loadAverage() -> String {
    (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").prefix(3).joined(separator: " ") ?? "unknown"
}

/// `stages[].<field>` of a `--json` output, in order, with the stage ids.
func stageField(_ data: Data, _ field: String) throws -> [(id: String, value: String, seconds: Double?)] {
    guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any],
          let stages = object["stages"] as? [[String: Any]] else {
        throw BenchError("no stages[] in the JSON output: \(String(decoding: data.prefix(400), as: UTF8.self))")
    }
    return stages.map { ($0["id"] as? String ?? "?", $0[field] as? String ?? "?", $0["seconds"] as? Double) }
}

/// Checks that every stage of a `pipeline run --json` output had `outcome`.
func expectOutcomes(_ run: Measured, _ outcome: String, _ what: String) throws {
    let stages = try stageField(run.stdout, "outcome")
    let other = stages.filter { $0.value != outcome }
    guard other.isEmpty, !stages.isEmpty else {
        throw BenchError("\(what): expected every stage \(outcome), got \(other.map { "\($0.id) \($0.value)" }.joined(separator: ", "))")
    }
}

// MARK: - Setup

let options = Options(Array(CommandLine.arguments.dropFirst()))
let fm = FileManager.default
let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent()      // Benchmarks/Pipeline
let repo = here.deletingLastPathComponent().deletingLastPathComponent()
let autoscale = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
    .appendingPathComponent("autoscale").path
guard fm.isExecutableFile(atPath: autoscale) else {
    print("no `autoscale` beside this benchmark (\(autoscale)); build it with `swift build -c release --product autoscale`")
    exit(1)
}
let temp = fm.temporaryDirectory.appendingPathComponent("bench-pipeline-\(getpid())", isDirectory: true)
try fm.createDirectory(at: temp, withIntermediateDirectories: true)
defer {
    if !options.keep {
        do { try fm.removeItem(at: temp) } catch { print("could not remove \(temp.path): \(error)") }
    }
}
let date = ISO8601DateFormatter().string(from: Date())
print("bench-pipeline \(date): load average \(loadAverage()) on \(ProcessInfo.processInfo.activeProcessorCount) cores; temporary folder \(temp.path)")

/// The DVC virtual environment: created with `python3 -m venv` + `pip install dvc` on first use.
func dvcExecutable() -> String? {
    let venv = ProcessInfo.processInfo.environment["PIPELINE_BENCH_VENV"]
        ?? fm.homeDirectoryForCurrentUser.appendingPathComponent(".cache/autoscale/dvc-venv").path
    let dvc = venv + "/bin/dvc"
    if fm.isExecutableFile(atPath: dvc) { return dvc }
    note("creating \(venv) and installing dvc from PyPI…")
    do {
        try fm.createDirectory(atPath: URL(fileURLWithPath: venv).deletingLastPathComponent().path, withIntermediateDirectories: true)
        _ = try measure("/usr/bin/env", ["python3", "-m", "venv", venv], in: temp)
        _ = try measure(venv + "/bin/pip", ["install", "-q", "dvc"], in: temp)
    } catch {
        print("DVC: not run (\(error))")
        return nil
    }
    return fm.isExecutableFile(atPath: dvc) ? dvc : nil
}

var environment = ProcessInfo.processInfo.environment
environment["DVC_NO_ANALYTICS"] = "1"
let dvc = options.dvc ? dvcExecutable() : nil
if let dvc {
    let version = try measure(dvc, ["--version"], in: temp, environment: environment)
    print("DVC \(String(decoding: version.stdout, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) (\(dvc))")
}

// MARK: - 10-stage pipeline: first run, unchanged rerun, status (ours and DVC, interleaved)

let tenSpec = here.appendingPathComponent("ten-stages.yaml").path
let ours = temp.appendingPathComponent("ten", isDirectory: true)
try fm.createDirectory(at: ours, withIntermediateDirectories: true)
_ = try measure(autoscale, ["data", "generate", "--containers", "1", "--days", "3", "--interval", "5m", "--output", "data.csv"], in: ours)
let tenDB = ours.appendingPathComponent("registry/registry.sqlite").path
let tenRun = ["pipeline", "run", tenSpec, "--db", tenDB, "--json"]
let tenStatus = ["pipeline", "status", tenSpec, "--db", tenDB, "--json"]

let dvcFolder = temp.appendingPathComponent("dvc", isDirectory: true)
if let dvc {
    try fm.createDirectory(at: dvcFolder, withIntermediateDirectories: true)
    for name in ["dvc.yaml", "params.yaml"] {
        try fm.copyItem(at: here.appendingPathComponent("dvc/\(name)"), to: dvcFolder.appendingPathComponent(name))
    }
    try fm.copyItem(at: ours.appendingPathComponent("data.csv"), to: dvcFolder.appendingPathComponent("data.csv"))
    _ = try measure(dvc, ["init", "--no-scm", "-q"], in: dvcFolder, environment: environment)
    // DVC keeps per-project state (file hashes, index) in its site cache dir, /var/tmp/dvc by default: keep it in the temporary folder.
    _ = try measure(dvc, ["config", "core.site_cache_dir", temp.appendingPathComponent("dvc-site-cache").path], in: dvcFolder, environment: environment)
    _ = try measure(dvc, ["config", "core.analytics", "false"], in: dvcFolder, environment: environment)
    _ = try measure(dvc, ["config", "core.check_update", "false"], in: dvcFolder, environment: environment)
}

note("10-stage pipeline: first runs…")
let tenFirst = try measure(autoscale, tenRun, in: ours)
try expectOutcomes(tenFirst, "executed", "ours, first run")
let dvcFirst = try dvc.map { try measure($0, ["repro"], in: dvcFolder, environment: environment) }
if let dvcFirst {
    let text = String(decoding: dvcFirst.stdout, as: UTF8.self)
    let ran = text.components(separatedBy: "Running stage").count - 1
    guard ran == 10 else { throw BenchError("dvc repro: expected 10 stages to run, saw \(ran):\n\(text)") }
}

note("10-stage pipeline: \(options.reps) unchanged reruns and statuses on each side, interleaved…")
var tenRerun: [Measured] = [], tenStatusRuns: [Measured] = [], dvcRerun: [Measured] = [], dvcStatus: [Measured] = []
for _ in 0..<options.reps {
    let rerun = try measure(autoscale, tenRun, in: ours)
    try expectOutcomes(rerun, "reused", "ours, unchanged rerun")
    tenRerun.append(rerun)
    let status = try measure(autoscale, tenStatus, in: ours)
    let stale = try stageField(status.stdout, "state").filter { $0.value != "up to date" }
    guard stale.isEmpty else { throw BenchError("pipeline status: stale stages \(stale.map(\.id))") }
    tenStatusRuns.append(status)
    if let dvc {
        let repro = try measure(dvc, ["repro"], in: dvcFolder, environment: environment)
        let text = String(decoding: repro.stdout, as: UTF8.self)
        guard !text.contains("Running stage") else { throw BenchError("dvc repro reran a stage:\n\(text)") }
        dvcRerun.append(repro)
        let st = try measure(dvc, ["status"], in: dvcFolder, environment: environment)
        let stText = String(decoding: st.stdout, as: UTF8.self)
        guard stText.contains("up to date") else { throw BenchError("dvc status: not up to date:\n\(stText)") }
        dvcStatus.append(st)
    }
}

// Where a cold command's time goes: process start and argument parsing (`--help`), spec load
// and plan (`pipeline validate`), then status adds the fingerprints and cache look-ups, run the
// registry (open, parent run, tags) and the state file.
var helpRuns: [Measured] = [], validateRuns: [Measured] = []
for _ in 0..<options.reps {
    helpRuns.append(try measure(autoscale, ["pipeline", "--help"], in: ours))
    validateRuns.append(try measure(autoscale, ["pipeline", "validate", tenSpec, "--json"], in: ours))
}

// MARK: - Quickstart: first run vs unchanged rerun

var quickFirst: Measured?
var quickRerun: [Measured] = []
let quickSpec = repo.appendingPathComponent("Pipelines/quickstart.yaml").path
if options.quickstart {
    let folder = temp.appendingPathComponent("quickstart", isDirectory: true)
    try fm.createDirectory(at: folder, withIntermediateDirectories: true)
    let sets = options.quickstartSets.flatMap { ["--set", $0] }
    let args = ["pipeline", "run", quickSpec, "--db", folder.appendingPathComponent("registry/registry.sqlite").path, "--json"] + sets
    note("quickstart: first run (\(options.quickstartSets.isEmpty ? "no --set" : options.quickstartSets.joined(separator: " ")))…")
    let first = try measure(autoscale, args, in: folder)
    try expectOutcomes(first, "executed", "quickstart, first run")
    quickFirst = first
    for _ in 0..<options.reps {
        let rerun = try measure(autoscale, args, in: folder)
        try expectOutcomes(rerun, "reused", "quickstart, unchanged rerun")
        quickRerun.append(rerun)
    }
}

// MARK: - Parallelism: --jobs 2 vs --jobs 1, --force

// The machine is shared: besides --jobs 1 and --jobs 2, two separate --jobs 1 processes started
// together (each its own registry) say how much of a second core there is to have right now:
// together ÷ alone is 1.0 with two idle cores and 2.0 when we effectively get one.
var jobs1: [Measured] = [], jobs2: [Measured] = [], together: [Double] = []
let parallelSpec = here.appendingPathComponent("parallel.yaml").path
if options.parallel {
    let folder = temp.appendingPathComponent("parallel", isDirectory: true)
    let pair = [temp.appendingPathComponent("parallel-a", isDirectory: true), temp.appendingPathComponent("parallel-b", isDirectory: true)]
    for f in [folder] + pair { try fm.createDirectory(at: f, withIntermediateDirectories: true) }
    let args = ["pipeline", "run", parallelSpec, "--db", "registry/registry.sqlite", "--json", "--force"]
    note("parallel: \(options.parallelReps) × (--jobs 1, --jobs 2, two --jobs 1 processes at once) with --force…")
    for _ in 0..<options.parallelReps {
        let one = try measure(autoscale, args + ["--jobs", "1"], in: folder)
        try expectOutcomes(one, "executed", "--jobs 1 --force")
        jobs1.append(one)
        let two = try measure(autoscale, args + ["--jobs", "2"], in: folder)
        try expectOutcomes(two, "executed", "--jobs 2 --force")
        jobs2.append(two)
        together.append(try measureTogether(autoscale, args + ["--jobs", "1"], in: pair))
    }
}

/// The wall time the runner's scheduler would take with `slots` free cores: each stage started
/// once its inputs finished and a slot is free, the costliest ready stage first (`StageCost`:
/// here the train stages, parallel.yaml's only model fits, then plan order), taking the seconds
/// it took under --jobs 1. Divided by the --jobs 1 sum, the best --jobs ratio this graph allows.
func scheduledMakespan(_ stages: [(id: String, seconds: Double)], needs: [String: [String]], slots: Int) -> Double {
    var finish: [String: Double] = [:]
    var running: [(id: String, end: Double)] = []
    var now = 0.0
    var waiting = stages
    while !waiting.isEmpty || !running.isEmpty {
        var started = true
        while started {
            started = false
            let ready = waiting.indices.filter { (needs[waiting[$0].id] ?? []).allSatisfy { finish[$0] != nil } }
            if running.count < slots, let k = ready.first(where: { waiting[$0].id.hasPrefix("train") }) ?? ready.first {
                running.append((waiting[k].id, now + waiting[k].seconds))
                waiting.remove(at: k)
                started = true
            }
        }
        guard let next = running.min(by: { $0.end < $1.end }) else { break }
        now = next.end
        finish[next.id] = now
        running.removeAll { $0.id == next.id }
    }
    return now
}

// MARK: - Report

func walls(_ xs: [Measured]) -> [Double] { xs.map(\.wall) }
func cpus(_ xs: [Measured]) -> [Double] { xs.map(\.cpu) }
func yesNo(_ ok: Bool?) -> String { ok.map { $0 ? "yes" : "no" } ?? "—" }

print("")
print("load average at the end: \(loadAverage()); medians of \(options.reps) (rerun, status) and \(options.parallelReps) (jobs); wall seconds, CPU seconds in brackets")
print("")
print("| measurement | ours | DVC | ratio | target | met |")
print("|---|---|---|---|---|---|")
func row(_ name: String, _ ours: String, _ theirs: String, _ ratio: String, _ target: String, _ met: String) {
    print("| \(name) | \(ours) | \(theirs) | \(ratio) | \(target) | \(met) |")
}
func cell(_ xs: [Measured]) -> String {
    xs.isEmpty ? "—" : "\(seconds(median(walls(xs)))) (\(seconds(median(cpus(xs)))))"
}

if let quickFirst {
    let rerun = median(walls(quickRerun))
    let speedup = quickFirst.wall / rerun
    let sets = options.quickstartSets.isEmpty ? "" : ", --set \(options.quickstartSets.joined(separator: " --set "))"
    let count = (try? stageField(quickFirst.stdout, "outcome").count) ?? 0
    row("quickstart\(sets): first run (\(count) stages executed)", cell([quickFirst]), "—", "—", "—", "—")
    row("quickstart: unchanged rerun (\(count) reused)", cell(quickRerun) + " [\(range(walls(quickRerun)))]", "—", "first ÷ rerun \(ratio(speedup))",
        "< 0.3 s and ≥ 50×", yesNo(rerun < 0.3 && speedup >= 50))
}
let tenRerunWall = median(walls(tenRerun)), dvcRerunWall = median(walls(dvcRerun))
row("10 stages: first run (`pipeline run` / `dvc repro`)", cell([tenFirst]), dvcFirst.map { cell([$0]) } ?? "—",
    dvcFirst.map { "DVC ÷ ours " + ratio($0.wall / tenFirst.wall) } ?? "—", "—", "—")
row("10 stages: unchanged rerun", cell(tenRerun) + " [\(range(walls(tenRerun)))]", dvcRerun.isEmpty ? "—" : cell(dvcRerun) + " [\(range(walls(dvcRerun)))]",
    dvcRerun.isEmpty ? "—" : "DVC ÷ ours \(ratio(dvcRerunWall / tenRerunWall))",
    "< 0.3 s (first ÷ rerun \(ratio(tenFirst.wall / tenRerunWall)): stages of milliseconds)", yesNo(tenRerunWall < 0.3))
let statusWall = median(walls(tenStatusRuns)), dvcStatusWall = median(walls(dvcStatus))
row("10 stages: `pipeline status` / `dvc status`", cell(tenStatusRuns) + " [\(range(walls(tenStatusRuns)))]",
    dvcStatus.isEmpty ? "—" : cell(dvcStatus) + " [\(range(walls(dvcStatus)))]",
    dvcStatus.isEmpty ? "—" : "DVC ÷ ours " + ratio(dvcStatusWall / statusWall), "DVC ÷ ours ≥ 10×", dvcStatus.isEmpty ? "—" : yesNo(dvcStatusWall / statusWall >= 10))
if !jobs1.isEmpty {
    let one = median(walls(jobs1)), two = median(walls(jobs2))
    row("parallel.yaml --force: --jobs 1", cell(jobs1) + " [\(range(walls(jobs1)))]", "—", "—", "—", "—")
    row("parallel.yaml --force: --jobs 2", cell(jobs2) + " [\(range(walls(jobs2)))]", "—", "jobs 2 ÷ jobs 1 \(String(format: "%.2f", two / one))",
        "≤ 0.6", yesNo(two / one <= 0.6))
    let factor = median(together) / one
    row("two --jobs 1 processes at once (machine check)", "\(seconds(median(together))) [\(range(together))]", "—",
        "together ÷ alone \(String(format: "%.2f", factor)) (1.0: two free cores; 2.0: one)", "—", "—")
}
print("")
print("where a cold 10-stage command goes (median wall): `autoscale pipeline --help` \(seconds(median(walls(helpRuns)))) s, "
      + "`pipeline validate` (+ spec load, plan) \(seconds(median(walls(validateRuns)))) s, "
      + "`pipeline status` (+ fingerprints, CSV hash, manifests) \(seconds(statusWall)) s, "
      + "`pipeline run` unchanged (+ registry, parent run, state) \(seconds(tenRerunWall)) s")
if let last = jobs1.last {
    let stages = try stageField(last.stdout, "outcome")
    let trains = stages.filter { $0.id.hasPrefix("train@") }.map { "\($0.id) \(seconds($0.seconds ?? .nan))" }
    let total = stages.compactMap(\.seconds).reduce(0, +)
    print("parallel.yaml, last --jobs 1 run: stages' own seconds sum to \(seconds(total)) s of \(seconds(last.wall)) s; \(trains.joined(separator: ", "))")
    let plan = try measure(autoscale, ["pipeline", "validate", parallelSpec, "--json"], in: temp)
    if let object = try JSONSerialization.jsonObject(with: plan.stdout) as? [String: Any], let planned = object["stages"] as? [[String: Any]] {
        let needs = Dictionary(uniqueKeysWithValues: planned.map { ($0["id"] as? String ?? "", $0["needs"] as? [String] ?? []) })
        let makespan = scheduledMakespan(stages.map { ($0.id, $0.seconds ?? 0) }, needs: needs, slots: 2)
        print("  with two free cores the scheduler would take \(seconds(makespan)) s of those \(seconds(total)) s "
              + "(\(String(format: "%.2f", makespan / total)): the best --jobs 2 ÷ --jobs 1 this graph allows, before process start and registry)")
    }
}
if let last = jobs2.last {
    let trains = try stageField(last.stdout, "outcome").filter { $0.id.hasPrefix("train@") }.map { "\($0.id) \(seconds($0.seconds ?? .nan))" }
    print("parallel.yaml, last --jobs 2 run: \(trains.joined(separator: ", "))")
}
