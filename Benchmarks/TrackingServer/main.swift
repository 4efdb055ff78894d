import Foundation

// bench-tracking-server: `runs server` against `mlflow server --backend-store-uri sqlite:///…`,
// both driven by the same MLflow client script (mlflow_server_bench.py) from the venv
// setup_bench_venv.sh creates (full `mlflow`, pinned), in one run on the same machine
// (Benchmarks/README.md, "Tracking server"). Prints seconds per workload and the ratio.
// Options: --search-runs N (10000) --no-mlflow --keep (keep the temporary folder)

struct Options {
    var searchRuns = 10_000
    var mlflow = true
    var keep = false

    init(_ arguments: [String]) {
        var i = 0
        while i < arguments.count {
            let next = i + 1 < arguments.count ? arguments[i + 1] : nil
            switch arguments[i] {
            case "--search-runs": searchRuns = next.flatMap(Int.init) ?? searchRuns; i += 1
            case "--no-mlflow": mlflow = false
            case "--keep": keep = true
            default:
                print("unknown option \(arguments[i]); options: --search-runs N --no-mlflow --keep")
                exit(2)
            }
            i += 1
        }
        searchRuns = max(100, searchRuns)
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

/// Polls `url` with the venv's Python until it answers (at most `seconds`).
func waitUntilServing(_ python: String, _ url: String, seconds: Int = 120) throws {
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

func stop(_ process: Process) {
    process.interrupt()
    process.waitUntilExit()
}

let options = Options(Array(CommandLine.arguments.dropFirst()))
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

    let runsPort = try freePort(python)
    let ours = try start(runs, ["server", "--port", String(runsPort), "--db", folder.appendingPathComponent("runs/registry.sqlite").path],
                         log: folder.appendingPathComponent("runs-server.log"))
    let oursURL = "http://127.0.0.1:\(runsPort)"
    try waitUntilServing(python, oursURL)
    let oursTimes = try measure(python, url: oursURL, searchRuns: options.searchRuns)
    stop(ours)

    var theirs: [String: Double] = [:]
    if options.mlflow {
        let mlflowPort = try freePort(python)
        let reference = try start(venv + "/bin/mlflow", [
            "server", "--host", "127.0.0.1", "--port", String(mlflowPort),
            "--backend-store-uri", "sqlite:///" + folder.appendingPathComponent("mlflow.db").path,
            "--artifacts-destination", folder.appendingPathComponent("mlartifacts").path,
        ], log: folder.appendingPathComponent("mlflow-server.log"))
        let url = "http://127.0.0.1:\(mlflowPort)"
        try waitUntilServing(python, url)
        theirs = try measure(python, url: url, searchRuns: options.searchRuns)
        stop(reference)
    }

    print(String(format: "%-12@ %14@ %16@ %8@", "workload" as NSString, "runs server s" as NSString, "mlflow server s" as NSString, "ratio" as NSString))
    for key in ["log_metric", "log_batch", "create_runs", "search_runs"] {
        let a = oursTimes[key] ?? .nan
        let b = theirs[key] ?? .nan
        print(String(format: "%-12@ %14.3f %16.3f %7.1fx", key as NSString, a, b, b / a))
    }
} catch {
    print("bench-tracking-server failed: \(error)")
    exit(1)
}
