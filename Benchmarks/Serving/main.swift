// bench-serving: `autoscale serve` under load from wrk on 127.0.0.1, beside `mlflow models serve`
// on the same history (Benchmarks/README.md#serving-bench-serving).
//
//   swift build -c release --product autoscale --product bench-serving
//   .build/release/bench-serving [--seconds 10] [--connections 16] [--no-mlflow]
//
// 1. A registry in a temporary folder holds six models, one per metric name, fitted on a
//    seeded one-minute series: ARIMA(1,1,1) as autoscale-cpu, a 2-epoch LSTM (60-step window)
//    as autoscale-memory, AutoARIMA, naive, Prophet-style and seasonal naive for the others.
// 2. The release `autoscale serve` beside this binary serves them on a free port.
// 3. wrk -t2 -cC -dS --latency POSTs /v1/predict with a 288-point history (cpu → ARIMA,
//    memory → LSTM): requests/s, p50, p99, non-2xx answers.
// 4. The server's resident memory (VmRSS, VmHWM) after both runs, all six models loaded.
// 5. Benchmarks/Serving/mlflow_serve_bench.sh: the same history against `mlflow models serve`
//    of a statsmodels ARIMA(1,1,1) pyfunc model; ratios autoscale ÷ MLflow.
import Forecasting
import Foundation
import Series
import Serving
import Tracking

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

let arguments = CommandLine.arguments
func option(_ name: String, _ fallback: Int) -> Int {
    guard let i = arguments.firstIndex(of: name), i + 1 < arguments.count, let v = Int(arguments[i + 1]) else { return fallback }
    return v
}
let seconds = option("--seconds", 10)
let connections = option("--connections", 16)
let withMLflow = !arguments.contains("--no-mlflow")
let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
let binaries = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()

/// A seeded one-minute cpu-like series: daily cycle, a slower wave and noise (cores).
func series(_ n: Int, start: Double, seed: UInt64) -> TimeSeries {
    var state = seed
    func noise() -> Double {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Double(state >> 11) / Double(1 << 53) - 0.5
    }
    let values = (0..<n).map { t -> Double in
        let day = 2 * Double.pi * Double(t) / 1440
        return 2 + 0.8 * sin(day) + 0.3 * sin(Double(t) / 37) + 0.2 * noise()
    }
    return TimeSeries(name: "cpu", timestamps: (0..<n).map { start + 60 * Double($0) }, values: values)
}

func run(_ executable: String, _ args: [String], environment: [String: String] = [:]) throws -> (Int32, String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = args
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    let out = Pipe()
    process.standardOutput = out
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}

/// requests/s, p50 and p99 in ms, non-2xx count from wrk's --latency report.
struct WrkResult {
    var rps: Double
    var p50: Double
    var p99: Double
    var non2xx: Int
    var requests: Int

    init(_ text: String) throws {
        func milliseconds(_ token: Substring) -> Double? {
            let units: [(String, Double)] = [("us", 0.001), ("ms", 1), ("s", 1000), ("m", 60_000)]
            for (suffix, factor) in units where token.hasSuffix(suffix) {
                if let v = Double(token.dropLast(suffix.count)) { return v * factor }
            }
            return nil
        }
        var rps: Double?, p50: Double?, p99: Double?, requests: Int?
        non2xx = 0
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: " ", omittingEmptySubsequences: true)
            if parts.first == "Requests/sec:", parts.count > 1 { rps = Double(parts[1]) }
            if parts.first == "50%", parts.count > 1 { p50 = milliseconds(parts[1]) }
            if parts.first == "99%", parts.count > 1 { p99 = milliseconds(parts[1]) }
            if parts.first == "NON2XX", parts.count > 1 { non2xx = Int(parts[1]) ?? 0 }
            if parts.count > 2, parts[1] == "requests", parts[2] == "in" { requests = Int(parts[0]) }
        }
        guard let rps, let p50, let p99 else { throw BenchError("cannot read wrk's report:\n\(text)") }
        self.rps = rps
        self.p50 = p50
        self.p99 = p99
        self.requests = requests ?? 0
    }
}

func wrk(url: String, body: URL) throws -> WrkResult {
    let (status, text) = try run("/usr/bin/env", ["wrk", "-t2", "-c\(connections)", "-d\(seconds)s", "--latency",
                                                  "-s", here.appendingPathComponent("post_body.lua").path, url],
                                 environment: ["BODY_FILE": body.path])
    guard status == 0 else { throw BenchError("wrk exited with \(status):\n\(text)") }
    return try WrkResult(text)
}

func memory(pid: Int32) throws -> (rss: Double, peak: Double) {
    let text = try String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)
    func field(_ name: String) -> Double {
        let line = text.split(separator: "\n").first { $0.hasPrefix(name) } ?? ""
        return (Double(line.split(separator: " ").dropFirst().first ?? "0") ?? 0) / 1024
    }
    return (field("VmRSS:"), field("VmHWM:"))
}

// MARK: - setup

let (loadStatus, load) = try run("/usr/bin/env", ["uptime"])
print("bench-serving: \(seconds) s per run, \(connections) connections, 2 wrk threads; machine: \(loadStatus == 0 ? load.trimmingCharacters(in: .whitespacesAndNewlines) : "?")")
let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bench-serving-\(ProcessInfo.processInfo.processIdentifier)")
try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
defer {
    do { try FileManager.default.removeItem(at: folder) } catch { print("bench-serving: could not remove \(folder.path): \(error)") }
}
let location = RegistryLocation(databasePath: folder.appendingPathComponent("registry.sqlite").path)
let registry = try Registry.open(location)

let training = series(2880, start: 1_767_225_600, seed: 42)
let grid = try RegularGrid(training).series
guard var lstm = ModelSpec(kind: .lstm).settings as? LSTMConfiguration else { throw BenchError("the LSTM's settings are not an LSTMConfiguration") }
lstm.training.epochs = 2
let models: [(String, ModelSpec)] = [
    ("cpu", ModelSpec(kind: .arima)), ("memory", ModelSpec(lstm)), ("disk_reads", ModelSpec(kind: .autoarima)),
    ("disk_writes", ModelSpec(kind: .naive)), ("network_rx", ModelSpec(kind: .prophet)), ("network_tx", ModelSpec(kind: .snaive)),
]
for (metric, spec) in models {
    let started = Date()
    let artifact = try spec.fitArtifact(series: grid, trainCount: grid.count * 85 / 100, steps: 30)
    let run = try registry.createRun(RunSpec(experiment: "bench-serving"))
    _ = try registry.logArtifact(run: run, name: "model.json", kind: "model", data: try artifact.encoded())
    try registry.setStatus(run: run, .finished)
    _ = try registry.promote(run: run, model: "autoscale-\(metric)", artifact: nil, alias: "production", reason: "bench")
    print("fitted \(spec.name) for \(metric) in \(String(format: "%.1f", Date().timeIntervalSince(started))) s")
}

let history = series(288, start: 1_767_225_600 + 2880 * 60, seed: 7)
let historyJSON = ["timestamps": history.timestamps, "values": history.values]
let historyFile = folder.appendingPathComponent("history.json")
try JSONSerialization.data(withJSONObject: historyJSON).write(to: historyFile)
func bodyFile(_ metric: String) throws -> URL {
    let file = folder.appendingPathComponent("\(metric).json")
    try JSONSerialization.data(withJSONObject: ["container": "bench", "metric": metric, "history": historyJSON]).write(to: file)
    return file
}

// MARK: - autoscale serve

let port = 18_000 + Int(ProcessInfo.processInfo.processIdentifier % 1000)
let serve = Process()
serve.executableURL = binaries.appendingPathComponent("autoscale")
serve.arguments = ["serve", "--port", String(port), "--db", location.databasePath]
serve.standardError = FileHandle(forWritingAtPath: "/dev/null")
try serve.run()
defer { if serve.isRunning { serve.terminate(); serve.waitUntilExit() } }
let base = "http://127.0.0.1:\(port)"
var ready = false
for _ in 0..<600 where !ready {
    let (status, code) = try run("/usr/bin/env", ["curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", base + "/readyz"])
    ready = status == 0 && code == "200"
    if !ready { Thread.sleep(forTimeInterval: 0.1) }
}
guard ready else { throw BenchError("autoscale serve did not become ready on \(base)") }
for metric in ["cpu", "memory"] {
    let (_, answer) = try run("/usr/bin/env", ["curl", "-s", "-H", "Content-Type: application/json", "--data", "@" + (try bodyFile(metric)).path,
                                               base + "/v1/predict"])
    guard answer.contains("\"forecasts\"") else { throw BenchError("POST /v1/predict (\(metric)) answered: \(answer)") }
    print("check \(metric): \(answer.prefix(160))…")
}
let arima = try wrk(url: base + "/v1/predict", body: try bodyFile("cpu"))
let lstmRun = try wrk(url: base + "/v1/predict", body: try bodyFile("memory"))
let rss = try memory(pid: serve.processIdentifier)
serve.terminate()
serve.waitUntilExit()

// MARK: - mlflow models serve

var mlflow: WrkResult?
var mlflowNote = "skipped (--no-mlflow)"
if withMLflow {
    let (status, text) = try run("/bin/bash", [here.appendingPathComponent("mlflow_serve_bench.sh").path, historyFile.path, String(port + 1),
                                               String(seconds), String(connections)])
    if status == 0 {
        mlflow = try WrkResult(text)
        mlflowNote = "mlflow 3.17.2 models serve (2 workers), statsmodels ARIMA(1,1,1) pyfunc"
        if let answer = text.split(separator: "\n").first(where: { $0.hasPrefix("MLFLOW_ANSWER") }) { print(answer.prefix(200)) }
    } else {
        mlflowNote = status == 3 ? "not run: the reference venv could not be set up from PyPI" : "failed (exit \(status)):\n\(text)"
    }
}

// MARK: - report

func f(_ x: Double, _ digits: Int = 1) -> String { String(format: "%.\(digits)f", x) }
print("")
print("| server | model | requests/s | p50 ms | p99 ms | non-2xx | requests |")
print("|---|---|---|---|---|---|---|")
print("| autoscale serve | ARIMA(1,1,1), 288-point history | \(f(arima.rps)) | \(f(arima.p50, 2)) | \(f(arima.p99, 2)) | \(arima.non2xx) | \(arima.requests) |")
print("| autoscale serve | LSTM (2 layers, bidirectional, 60-step window), 288-point history | \(f(lstmRun.rps)) | \(f(lstmRun.p50, 2)) | \(f(lstmRun.p99, 2)) | \(lstmRun.non2xx) | \(lstmRun.requests) |")
if let mlflow {
    print("| mlflow models serve | statsmodels ARIMA(1,1,1), same history | \(f(mlflow.rps)) | \(f(mlflow.p50, 2)) | \(f(mlflow.p99, 2)) | \(mlflow.non2xx) | \(mlflow.requests) |")
}
print("")
print("autoscale serve memory with six models loaded: VmRSS \(f(rss.rss)) MB, peak VmHWM \(f(rss.peak)) MB (target < 200 MB)")
print("targets, ARIMA: ≥ 1,000 req/s → \(arima.rps >= 1000 ? "met" : "not met"); p99 ≤ 20 ms → \(arima.p99 <= 20 ? "met" : "not met")")
if let mlflow {
    let ratio = arima.rps / mlflow.rps
    print("throughput ratio autoscale ÷ MLflow (ARIMA): \(f(ratio))× (target ≥ 7×: \(ratio >= 7 ? "met" : "not met")); p99 ratio MLflow ÷ autoscale: \(f(mlflow.p99 / arima.p99))×")
}
print("reference: \(mlflowNote)")
let (_, after) = try run("/usr/bin/env", ["uptime"])
print("machine after: \(after.trimmingCharacters(in: .whitespacesAndNewlines))")
