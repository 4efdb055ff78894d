import Foundation

// bench-tracking-server: `runs server` against `mlflow server --backend-store-uri sqlite:///…`,
// both driven by the same MLflow client script (mlflow_server_bench.py) from the venv
// setup_bench_venv.sh creates (full `mlflow`, pinned), in one run on the same machine
// (Benchmarks/README.md, "Tracking server"). The same script also runs against a canned server
// (`CannedServer`, this binary started with --canned-server PORT): the client floor. Then wrk
// posts runs/log-metric to each server, 1 and 8 connections: the servers without the Python client.
// `runs server` runs with --timing: after each phase the benchmark prints where the time of its
// calls went inside the server (GET /debug/timing).
// Options: --search-runs N (10000; 0 skips search) --no-mlflow --wrk-seconds S (5, 0 skips wrk)
// --rounds N (1: every server N times, interleaved; medians printed) --before RUNS (another `runs`
// binary, e.g. main's, benchmarked in each round beside this one) --keep

struct Options {
    var searchRuns = 10_000
    var mlflow = true
    var keep = false
    var wrkSeconds = 5
    var rounds = 1
    /// Another `runs` binary benchmarked beside the one next to this benchmark (before / after).
    var before: String?
    /// Set when the benchmark starts itself as the canned server.
    var cannedPort: Int?

    init(_ arguments: [String]) {
        var i = 0
        while i < arguments.count {
            let next = i + 1 < arguments.count ? arguments[i + 1] : nil
            switch arguments[i] {
            case "--search-runs": searchRuns = next.flatMap(Int.init) ?? searchRuns; i += 1
            case "--wrk-seconds": wrkSeconds = next.flatMap(Int.init) ?? wrkSeconds; i += 1
            case "--rounds": rounds = next.flatMap(Int.init) ?? rounds; i += 1
            case "--before": before = next; i += 1
            case "--canned-server": cannedPort = next.flatMap(Int.init); i += 1
            case "--no-mlflow": mlflow = false
            case "--keep": keep = true
            default:
                print("unknown option \(arguments[i]); options: --search-runs N --no-mlflow --wrk-seconds S --rounds N --before RUNS --keep")
                exit(2)
            }
            i += 1
        }
        searchRuns = searchRuns <= 0 ? 0 : max(100, searchRuns)
        wrkSeconds = max(0, wrkSeconds)
        rounds = max(1, rounds)
    }
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent()

/// Runs `executable` with `arguments` and returns its standard output; throws on failure.
func output(_ executable: String, _ arguments: [String], environment: [String: String] = [:]) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    let out = Pipe()
    process.standardOutput = out
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { throw BenchError("\(executable) \(arguments.joined(separator: " ")) exited \(process.terminationStatus)") }
    return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
}

/// Polls `url` with the venv's Python until it answers (at most `seconds`: `mlflow server` takes
/// minutes to start on a loaded machine).
func waitUntilServing(_ python: String, _ url: String, seconds: Int = 600) throws {
    let script = """
    import sys, time, urllib.request
    for _ in range(\(seconds * 4)):
        try:
            urllib.request.urlopen(sys.argv[1] + "/api/2.0/mlflow/experiments/get-by-name?experiment_name=Default", timeout=1)
            sys.exit(0)
        except urllib.error.HTTPError:
            sys.exit(0)
        except Exception:
            time.sleep(0.25)
    sys.exit(1)
    """
    _ = try output(python, ["-c", script, url])
}

func freePort(_ python: String) throws -> Int {
    let text = try output(python, ["-c", "import socket; s = socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])"])
    guard let port = Int(text) else { throw BenchError("no free port: '\(text)'") }
    return port
}

/// Runs the client workloads against `url`; seconds per workload.
func measure(_ python: String, url: String, searchRuns: Int) throws -> [String: Double] {
    let text = try output(python, [here.appendingPathComponent("mlflow_server_bench.py").path, String(searchRuns)],
                          environment: ["MLFLOW_TRACKING_URI": url])
    guard let line = text.split(separator: "\n").last,
          let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Double] else {
        throw BenchError("unexpected bench output: \(text)")
    }
    return object
}

func start(_ executable: String, _ arguments: [String], log: URL) throws -> Process {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    FileManager.default.createFile(atPath: log.path, contents: nil)
    let handle = try FileHandle(forWritingTo: log)
    process.standardOutput = handle
    process.standardError = handle
    try process.run()
    return process
}

/// Interrupts the server and waits for it, then ends what it left behind in its process group
/// (Foundation starts each child in a group of its own; `mlflow server`'s job consumers outlive it).
func stop(_ process: Process) {
    let group = process.processIdentifier
    process.interrupt()
    process.waitUntilExit()
    kill(-group, SIGTERM)
}

/// The load average (1, 5, 15 min) as /proc/loadavg states it.
func loadAverage() -> String {
    guard let text = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8) else { return "unknown" }
    return text.split(separator: " ").prefix(3).joined(separator: " ")
}

/// One server under test: its client seconds per workload, its wrk figures and, for `runs server`,
/// where its calls' time went (`/debug/timing` after the client script and after each wrk run).
struct ServerResult {
    var client: [String: Double] = [:]
    var wrk: [Int: WrkResult] = [:]
    var timing: [(phase: String, routes: [TimedRoute])] = []
}

/// Starts a server, waits for it, runs the client script and wrk against it, stops it.
/// `timed`: the server was started with --timing; its report is read (and reset) after each phase.
func benchmark(_ name: String, _ executable: String, _ arguments: [String], python: String, port: Int,
               folder: URL, options: Options, timed: Bool = false) throws -> ServerResult {
    let process = try start(executable, arguments, log: folder.appendingPathComponent("\(name).log"))
    defer { stop(process) }
    let url = "http://127.0.0.1:\(port)"
    try waitUntilServing(python, url)
    var result = ServerResult()
    if timed { _ = try takeTiming(python, url: url) }
    result.client = try measure(python, url: url, searchRuns: options.searchRuns)
    if timed { result.timing.append(("client script", try takeTiming(python, url: url))) }
    if options.wrkSeconds > 0 {
        let run = try createRun(python, url: url)
        if timed { _ = try takeTiming(python, url: url) }
        for connections in [1, 8] {
            result.wrk[connections] = try wrkLogMetric(url: url, run: run, connections: connections, seconds: options.wrkSeconds)
            if timed { result.timing.append(("wrk -c\(connections)", try takeTiming(python, url: url))) }
        }
    }
    return result
}

/// What one round measured.
struct Round {
    var ours: ServerResult
    var floor: ServerResult
    var theirs: ServerResult
    var before: ServerResult?
}

/// One round: `--before`'s `runs server`, this `runs server` (with --timing), the canned server,
/// `mlflow server`, one after the other, each on a fresh store.
func round(_ number: Int, python: String, venv: String, runs: String, folder: URL, options: Options) throws -> Round {
    let roundFolder = folder.appendingPathComponent("round-\(number)")
    try FileManager.default.createDirectory(at: roundFolder, withIntermediateDirectories: true)
    let before = try options.before.map { executable in
        let port = try freePort(python)
        return try benchmark("runs-server-before", executable, ["server", "--port", String(port),
                                                                 "--db", roundFolder.appendingPathComponent("before/registry.sqlite").path],
                             python: python, port: port, folder: roundFolder, options: options)
    }
    let oursPort = try freePort(python)
    let ours = try benchmark("runs-server", runs, ["server", "--port", String(oursPort), "--timing",
                                                   "--db", roundFolder.appendingPathComponent("runs/registry.sqlite").path],
                             python: python, port: oursPort, folder: roundFolder, options: options, timed: true)
    let cannedPort = try freePort(python)
    let floor = try benchmark("canned-server", CommandLine.arguments[0], ["--canned-server", String(cannedPort)],
                              python: python, port: cannedPort, folder: roundFolder, options: options)
    var theirs = ServerResult()
    if options.mlflow {
        let mlflowPort = try freePort(python)
        theirs = try benchmark("mlflow-server", venv + "/bin/mlflow", [
            "server", "--host", "127.0.0.1", "--port", String(mlflowPort),
            "--backend-store-uri", "sqlite:///" + roundFolder.appendingPathComponent("mlflow.db").path,
            "--artifacts-destination", roundFolder.appendingPathComponent("mlartifacts").path,
        ], python: python, port: mlflowPort, folder: roundFolder, options: options)
    }
    return Round(ours: ours, floor: floor, theirs: theirs, before: before)
}

let options = Options(Array(CommandLine.arguments.dropFirst()))
if let port = options.cannedPort { serveCanned(port: port, searchRuns: 100) }
do {
    let venv = try output("/bin/bash", [here.appendingPathComponent("setup_bench_venv.sh").path])
    let python = venv + "/bin/python"
    let runs = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("runs").path
    guard FileManager.default.isExecutableFile(atPath: runs) else {
        throw BenchError("no runs binary at \(runs); build it: swift build -c release --product runs")
    }
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bench-tracking-server-\(ProcessInfo.processInfo.processIdentifier)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { if !options.keep { try? FileManager.default.removeItem(at: folder) } }
    let search = options.searchRuns == 0 ? "no search" : "search_runs over \(options.searchRuns) runs (x10)"
    print("workloads: 1,000 log_metric; log_batch 1,000 metrics x 10; 100 runs x 10 params; \(search); \(options.rounds) round(s)")
    var rounds: [Round] = []
    for number in 1...options.rounds {
        print("round \(number): load average at start \(loadAverage())")
        let result = try round(number, python: python, venv: venv, runs: runs, folder: folder, options: options)
        print("round \(number): load average at end \(loadAverage())")
        printClientTable(ours: result.ours.client, floor: result.floor.client, theirs: result.theirs.client, before: result.before?.client)
        if options.wrkSeconds > 0 {
            printWrkTable(ours: result.ours.wrk, floor: result.floor.wrk, theirs: result.theirs.wrk, before: result.before?.wrk,
                          seconds: options.wrkSeconds)
        }
        for (phase, routes) in result.ours.timing { printTimingTable(phase: phase, routes) }
        rounds.append(result)
    }
    if rounds.count > 1 {
        print("median of \(rounds.count) rounds:")
        printClientTable(ours: medians(rounds.map(\.ours.client)), floor: medians(rounds.map(\.floor.client)),
                         theirs: medians(rounds.map(\.theirs.client)), before: options.before == nil ? nil : medians(rounds.compactMap(\.before?.client)))
    }
} catch {
    print("bench-tracking-server failed: \(error)")
    exit(1)
}
