import Foundation

// bench-tracking-server: `runs server` against `mlflow server --backend-store-uri sqlite:///…`,
// both driven by the same MLflow client script (mlflow_server_bench.py) from the venv
// setup_bench_venv.sh creates (full `mlflow`, pinned), in one run on the same machine
// (Benchmarks/README.md, "Tracking server"). The same script also runs against a canned server
// (`CannedServer`, this binary started with --canned-server PORT): the client floor. Then wrk
// posts runs/log-metric to each server, 1 and 8 connections: the servers without the Python client.
// All servers run at once, each on a fresh store; the script and wrk go to them in turn (a rotated
// order each round), `--rounds` times, so a loaded machine's swings hit every server alike; best
// and median of the rounds are printed. A second `runs server` with --timing, measured in the same
// rotation, gives where the time of its calls went inside the server (GET /debug/timing) during
// the client scripts and during wrk; the ratios come from the untimed one.
// Options: --search-runs N (10000; 0 skips search) --no-mlflow --wrk-seconds S (5, 0 skips wrk)
// --rounds N (3) --before RUNS (another `runs` binary, e.g. main's, measured beside this one) --keep

struct Options {
    var searchRuns = 10_000
    var mlflow = true
    var keep = false
    var wrkSeconds = 5
    var rounds = 3
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

/// A server under test, started and serving.
struct Server {
    var name: String
    var process: Process
    var url: String
    /// Started with --timing (this `runs server`): its /debug/timing is read.
    var timed = false
}

/// Starts `executable` on a free port with `arguments(port)`, logging to `folder/<name>.log`, and waits until it answers.
func launch(_ name: String, _ executable: String, python: String, folder: URL, timed: Bool = false,
            _ arguments: (Int) -> [String]) throws -> Server {
    let port = try freePort(python)
    let process = try start(executable, arguments(port), log: folder.appendingPathComponent("\(name).log"))
    let url = "http://127.0.0.1:\(port)"
    do { try waitUntilServing(python, url) } catch { stop(process); throw error }
    return Server(name: name, process: process, url: url, timed: timed)
}

/// `servers` starting at index `shift` (mod count): each round visits them in another order, so
/// no server always follows the same one (e.g. `mlflow server` still busy after its turn).
func rotated(_ servers: [Server], by shift: Int) -> [Server] {
    let start = shift % max(servers.count, 1)
    return Array(servers[start...] + servers[..<start])
}

/// What the rounds measured against one server: client seconds per workload and wrk requests
/// per second per connection count, one entry per round.
struct Measured {
    var client: [[String: Double]] = []
    var wrk: [Int: [Double]] = [:]
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
    print("load average at start: \(loadAverage())")

    var servers: [Server] = []
    defer { for server in servers { stop(server.process) } }
    servers.append(try launch("runs", runs, python: python, folder: folder) { port in
        ["server", "--port", String(port), "--db", folder.appendingPathComponent("runs/registry.sqlite").path]
    })
    // A second instance with --timing gives the breakdown; the ratios come from the untimed one.
    servers.append(try launch("runs-timed", runs, python: python, folder: folder, timed: true) { port in
        ["server", "--port", String(port), "--timing", "--db", folder.appendingPathComponent("runs-timed/registry.sqlite").path]
    })
    if let before = options.before {
        servers.append(try launch("before", before, python: python, folder: folder) { port in
            ["server", "--port", String(port), "--db", folder.appendingPathComponent("before/registry.sqlite").path]
        })
    }
    servers.append(try launch("canned", CommandLine.arguments[0], python: python, folder: folder) { port in ["--canned-server", String(port)] })
    if options.mlflow {
        servers.append(try launch("mlflow", venv + "/bin/mlflow", python: python, folder: folder) { port in
            ["server", "--host", "127.0.0.1", "--port", String(port),
             "--backend-store-uri", "sqlite:///" + folder.appendingPathComponent("mlflow.db").path,
             "--artifacts-destination", folder.appendingPathComponent("mlartifacts").path]
        })
    }
    var measured: [String: Measured] = [:]
    var timing: [(phase: String, routes: [TimedRoute])] = []
    for server in servers where server.timed { _ = try takeTiming(python, url: server.url) }
    for number in 1...options.rounds {
        for server in rotated(servers, by: number - 1) {
            measured[server.name, default: Measured()].client.append(try measure(python, url: server.url, searchRuns: options.searchRuns))
        }
        print("round \(number) of the client script done, load average \(loadAverage())")
    }
    for server in servers where server.timed { timing.append(("the client scripts", try takeTiming(python, url: server.url))) }
    if options.wrkSeconds > 0 {
        var runIDs: [String: String] = [:]
        for server in servers { runIDs[server.name] = try createRun(python, url: server.url) }
        for server in servers where server.timed { _ = try takeTiming(python, url: server.url) }
        for connections in [1, 8] {
            for number in 1...options.rounds {
                for server in rotated(servers, by: number - 1) {
                    let result = try wrkLogMetric(url: server.url, run: runIDs[server.name] ?? "", connections: connections, seconds: options.wrkSeconds)
                    measured[server.name, default: Measured()].wrk[connections, default: []].append(result.requestsPerSecond)
                }
            }
            for server in servers where server.timed { timing.append(("wrk -c\(connections)", try takeTiming(python, url: server.url))) }
        }
    }
    print("load average at end: \(loadAverage())")
    for (title, pick) in [("best of the rounds (fastest)", best), ("median of the rounds", median)] {
        print("client script, \(title):")
        let seconds = { (name: String) -> [String: Double] in pickEach(measured[name]?.client ?? [], pick) }
        printClientTable(ours: seconds("runs"), floor: seconds("canned"), theirs: seconds("mlflow"),
                         before: options.before == nil ? nil : seconds("before"))
        if options.wrkSeconds > 0 {
            let rates = { (name: String) -> [Int: Double] in (measured[name]?.wrk ?? [:]).mapValues { pick($0.map { -$0 }).map { -$0 } ?? .nan } }
            printWrkTable(ours: rates("runs"), floor: rates("canned"), theirs: rates("mlflow"),
                          before: options.before == nil ? nil : rates("before"), seconds: options.wrkSeconds)
        }
    }
    for (phase, routes) in timing { printTimingTable(phase: phase, routes) }
} catch {
    print("bench-tracking-server failed: \(error)")
    exit(1)
}
