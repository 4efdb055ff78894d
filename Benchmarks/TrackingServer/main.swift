import Foundation

// bench-tracking-server: `runs server` against `mlflow server --backend-store-uri sqlite:///…`,
// both driven by the same MLflow client script (mlflow_server_bench.py) from the venv
// setup_bench_venv.sh creates (full `mlflow`, pinned), in one run on the same machine
// (Benchmarks/README.md, "Tracking server"). The same script also runs against a canned server
// (`CannedServer`, this binary started with --canned-server PORT): the client floor. Then wrk
// posts runs/log-metric to each server, 1 and 8 connections: the servers without the Python client.
// Options: --search-runs N (10000) --no-mlflow --wrk-seconds S (5, 0 skips wrk) --keep

struct Options {
    var searchRuns = 10_000
    var mlflow = true
    var keep = false
    var wrkSeconds = 5
    /// Set when the benchmark starts itself as the canned server.
    var cannedPort: Int?

    init(_ arguments: [String]) {
        var i = 0
        while i < arguments.count {
            let next = i + 1 < arguments.count ? arguments[i + 1] : nil
            switch arguments[i] {
            case "--search-runs": searchRuns = next.flatMap(Int.init) ?? searchRuns; i += 1
            case "--wrk-seconds": wrkSeconds = next.flatMap(Int.init) ?? wrkSeconds; i += 1
            case "--canned-server": cannedPort = next.flatMap(Int.init); i += 1
            case "--no-mlflow": mlflow = false
            case "--keep": keep = true
            default:
                print("unknown option \(arguments[i]); options: --search-runs N --no-mlflow --wrk-seconds S --keep")
                exit(2)
            }
            i += 1
        }
        searchRuns = max(100, searchRuns)
        wrkSeconds = max(0, wrkSeconds)
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

/// One server under test: its client seconds per workload and its wrk figures.
struct ServerResult {
    var client: [String: Double] = [:]
    var wrk: [Int: WrkResult] = [:]
}

/// Starts a server, waits for it, runs the client script and wrk against it, stops it.
func benchmark(_ name: String, _ executable: String, _ arguments: [String], python: String, port: Int,
               folder: URL, options: Options) throws -> ServerResult {
    let process = try start(executable, arguments, log: folder.appendingPathComponent("\(name).log"))
    defer { stop(process) }
    let url = "http://127.0.0.1:\(port)"
    try waitUntilServing(python, url)
    var result = ServerResult()
    result.client = try measure(python, url: url, searchRuns: options.searchRuns)
    if options.wrkSeconds > 0 {
        let run = try createRun(python, url: url)
        for connections in [1, 8] {
            result.wrk[connections] = try wrkLogMetric(url: url, run: run, connections: connections, seconds: options.wrkSeconds)
        }
    }
    return result
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
    print("workloads: 1,000 log_metric; log_batch 1,000 metrics x 10; 100 runs x 10 params; search_runs over \(options.searchRuns) runs (x10)")
    print("load average at start: \(loadAverage())")

    let oursPort = try freePort(python)
    let ours = try benchmark("runs-server", runs, ["server", "--port", String(oursPort), "--db", folder.appendingPathComponent("runs/registry.sqlite").path],
                             python: python, port: oursPort, folder: folder, options: options)
    let cannedPort = try freePort(python)
    let floor = try benchmark("canned-server", CommandLine.arguments[0], ["--canned-server", String(cannedPort)],
                              python: python, port: cannedPort, folder: folder, options: options)
    var theirs = ServerResult()
    if options.mlflow {
        let mlflowPort = try freePort(python)
        theirs = try benchmark("mlflow-server", venv + "/bin/mlflow", [
            "server", "--host", "127.0.0.1", "--port", String(mlflowPort),
            "--backend-store-uri", "sqlite:///" + folder.appendingPathComponent("mlflow.db").path,
            "--artifacts-destination", folder.appendingPathComponent("mlartifacts").path,
        ], python: python, port: mlflowPort, folder: folder, options: options)
    }
    print("load average at end: \(loadAverage())")
    printClientTable(ours: ours.client, floor: floor.client, theirs: theirs.client)
    if options.wrkSeconds > 0 { printWrkTable(ours: ours.wrk, floor: floor.wrk, theirs: theirs.wrk, seconds: options.wrkSeconds) }
} catch {
    print("bench-tracking-server failed: \(error)")
    exit(1)
}
